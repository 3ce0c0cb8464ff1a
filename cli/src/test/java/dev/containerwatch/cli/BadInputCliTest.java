package dev.containerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.testing.BadInput;
import dev.containerwatch.testing.BadInput.Case;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-input corpus of common-rules through the command line: every bad document given to {@code
 * scan} and every bad configuration given to {@code --config} ends the run with exit code 2 and the
 * one line its {@code .error} file names, and prints nothing else.
 */
class BadInputCliTest {
  private static final String HEALTHY = "src/test/resources/scan/healthy";

  @TempDir static Path generated;

  static Stream<Case> documents() {
    return Stream.concat(BadInput.cases("reader").stream(), BadInput.cases("reports").stream());
  }

  static Stream<Case> configurations() {
    return BadInput.cases("config").stream();
  }

  @Timeout(60)
  @ParameterizedTest(name = "{0}")
  @MethodSource("documents")
  void scanOfABadDocumentExitsTwoWithOneLine(Case c) {
    Path file = c.fileIn(generated);
    assertBadInput(c, file, CliRun.of("scan", file.toString()));
  }

  @Timeout(60)
  @ParameterizedTest(name = "{0}")
  @MethodSource("configurations")
  void aBadConfigurationExitsTwoWithOneLine(Case c) {
    Path file = c.fileIn(generated);
    assertBadInput(c, file, CliRun.of("scan", "--config", file.toString(), HEALTHY));
  }

  private static void assertBadInput(Case c, Path file, CliRun run) {
    assertThat(run.exitCode()).as("exit code").isEqualTo(Main.EXIT_BAD_INPUT);
    assertThat(run.out()).as("standard output").isEmpty();
    assertThat(run.err()).as("one line").endsWith("\n").containsOnlyOnce("\n");
    String expected = c.expectedAs(file.toString());
    assertThat(expected).as(c + ".error").isNotNull();
    String line = run.err().strip();
    if (expected.endsWith("*")) {
      assertThat(line)
          .startsWith("containerwatch: " + expected.substring(0, expected.length() - 1));
    } else {
      assertThat(line).isEqualTo("containerwatch: " + expected);
    }
  }
}
