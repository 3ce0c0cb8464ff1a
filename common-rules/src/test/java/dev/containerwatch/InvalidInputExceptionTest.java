package dev.containerwatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InvalidInputExceptionTest {
  @Test
  void theMessageIsOneLine() {
    assertThat(new InvalidInputException("a.yaml: bad\n  value\r\tnext\u2028end").getMessage())
        .isEqualTo("a.yaml: bad   value  next end");
  }

  @Test
  void aLongMessageIsCutSayingHowMuchWasLeftOut() {
    String message = new InvalidInputException("x".repeat(1_000_000)).getMessage();
    assertThat(message)
        .hasSizeLessThanOrEqualTo(InvalidInputException.MAX_MESSAGE_LENGTH)
        .startsWith("xxx")
        .endsWith("... (998040 more characters)");
  }

  @Test
  void aMessageAtTheLimitIsKeptWhole() {
    String message = "y".repeat(InvalidInputException.MAX_MESSAGE_LENGTH);
    assertThat(new InvalidInputException(message).getMessage()).isEqualTo(message);
  }

  @Test
  void theCutNeverSplitsASurrogatePair() {
    String message = "x".repeat(InvalidInputException.MAX_MESSAGE_LENGTH - 41) + "😀".repeat(100);
    String cut = new InvalidInputException(message).getMessage();
    assertThat(cut.codePoints().noneMatch(c -> c >= 0xD800 && c <= 0xDFFF)).isTrue();
  }

  @Test
  void excerptsKeepShortValuesAndCutLongOnes() {
    assertThat(InvalidInputException.excerpt("Widget")).isEqualTo("Widget");
    assertThat(InvalidInputException.excerpt(null)).isEqualTo("null");
    assertThat(InvalidInputException.excerpt("k".repeat(10_000)))
        .hasSize(InvalidInputException.EXCERPT_LENGTH + 3)
        .endsWith("k...");
  }

  @Test
  void theFirstLineOfAnotherLibrarysMessageIsKept() {
    assertThat(InvalidInputException.firstLine("Unexpected character\n at [Source: {...}]"))
        .isEqualTo("Unexpected character");
    assertThat(InvalidInputException.firstLine("one line")).isEqualTo("one line");
    assertThat(InvalidInputException.firstLine(null)).isEmpty();
  }
}
