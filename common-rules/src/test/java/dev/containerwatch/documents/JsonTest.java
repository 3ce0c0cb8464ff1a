package dev.containerwatch.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Json} gives what {@code ObjectMapper} gives: the same trees for every JSON file of the
 * project's samples and fixtures, the same compact text, the same refusals; fuzzed on any bytes.
 */
class JsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  static Stream<Path> jsonFiles() throws IOException {
    Stream<Path> samples = Files.walk(Path.of("..", "events-samples"));
    Stream<Path> fixtures = Files.walk(Path.of("src", "test", "resources"));
    return Stream.concat(samples, fixtures)
        .filter(p -> p.toString().endsWith(".json"))
        .filter(p -> !p.toString().contains("bad-input"))
        .sorted()
        .toList()
        .stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("jsonFiles")
  void everyJsonFileReadsAndWritesAsObjectMapperDoes(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    JsonNode expected;
    try {
      expected = MAPPER.readTree(bytes);
    } catch (JsonProcessingException refused) {
      // A deliberately broken sample: refused alike, with the parser's own message.
      assertThatThrownBy(() -> Json.read(bytes))
          .isInstanceOf(JsonProcessingException.class)
          .hasMessage(refused.getMessage());
      return;
    }

    JsonNode tree = Json.read(bytes);

    assertThat(tree).isEqualTo(expected);
    assertThat(Json.write(tree)).isEqualTo(expected.toString());
    assertThat(Json.writeBytes(tree)).isEqualTo(MAPPER.writeValueAsBytes(expected));
  }

  @Test
  void numbersKeepTheirNodeTypes() throws IOException {
    String text = "[1, 3000000000, 123456789012345678901234567890, 1.5, -0.0, 1e400]";
    JsonNode tree = Json.read(text);

    assertThat(tree).isEqualTo(MAPPER.readTree(text));
    assertThat(tree.get(0).isInt()).isTrue();
    assertThat(tree.get(1).isLong()).isTrue();
    assertThat(tree.get(2).isBigInteger()).isTrue();
    assertThat(tree.get(3).isDouble()).isTrue();
  }

  @Test
  void emptyInputIsMissingAndDuplicateKeysKeepTheLast() throws IOException {
    assertThat(Json.read("  ").isMissingNode()).isTrue();
    assertThat(Json.read(new byte[0]).isMissingNode()).isTrue();
    assertThat(Json.read("{\"a\":1,\"a\":2}").get("a").intValue()).isEqualTo(2);
  }

  @Test
  void aStreamOfValuesIsReadInOrder() throws IOException {
    assertThat(Json.readAll("{\"a\":1}\n{\"b\":2}\n[3]"))
        .containsExactly(Json.read("{\"a\":1}"), Json.read("{\"b\":2}"), Json.read("[3]"));
  }

  @Test
  void errorsAreTheParsersOwn() {
    assertThatThrownBy(() -> Json.read("{\"a\": [1, 2"))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Unexpected end-of-input");
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    assertThatThrownBy(() -> Json.read(deep))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("nesting depth");
  }

  @Test
  void plainValuesBecomeTrees() {
    JsonNode tree = Json.valueOf(Map.of("n", 3, "items", List.of("a", true), "nothing", Map.of()));

    assertThat(tree)
        .isEqualTo(
            MAPPER.valueToTree(Map.of("n", 3, "items", List.of("a", true), "nothing", Map.of())));
  }

  /** On any bytes: both refuse, or both give the same tree and the same text. */
  @Timeout(10)
  @FuzzTest
  void sameAsObjectMapper(byte[] data) {
    JsonNode expected;
    try {
      expected = MAPPER.readTree(data);
    } catch (IOException e) {
      assertThatThrownBy(() -> Json.read(data)).isInstanceOf(IOException.class);
      return;
    }
    JsonNode tree;
    try {
      tree = Json.read(data);
    } catch (IOException e) {
      throw new AssertionError("ObjectMapper read what Json refused: " + e.getMessage(), e);
    }
    assertThat(tree).isEqualTo(expected);
    assertThat(Json.write(tree)).isEqualTo(expected.toString());
    assertThat(new String(Json.writeBytes(tree), StandardCharsets.UTF_8))
        .isEqualTo(expected.toString());
  }
}
