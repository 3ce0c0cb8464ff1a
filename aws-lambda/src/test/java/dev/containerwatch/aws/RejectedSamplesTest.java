package dev.containerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed, unsupported and do-nothing events ({@code events-samples/aws/rejected/}): each is
 * acknowledged (the handler returns normally, so Lambda does not retry it), logged as one JSON line
 * with the reason, writes nothing and calls no AWS API. The answer is the golden {@code
 * <name>.expected.json}.
 */
class RejectedSamplesTest {
  static final Path REJECTED = AwsTestbed.SAMPLES.resolve("rejected");

  static Stream<String> samples() throws IOException {
    return AwsTestbed.sampleNames(REJECTED, 10);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void acknowledgedAndLoggedWithTheReason(String name) throws IOException {
    try (AwsTestbed aws = new AwsTestbed()) {
      JsonNode answer = aws.invokeSample(REJECTED, name);

      Golden.assertMatches(REJECTED.resolve(name + ".expected.json"), answer);
      String outcome = answer.path("outcome").asText();
      assertThat(outcome).isIn("rejected", "ignored");
      String reason = answer.path("reason").asText();
      assertThat(reason).isNotBlank();
      assertThat(aws.logLines)
          .as("one log line with the reason")
          .anySatisfy(
              line -> {
                JsonNode logged = AwsTestbed.readJson(line);
                assertThat(logged.path("message").asText()).isEqualTo(outcome);
                assertThat(logged.path("reason").asText()).isEqualTo(reason);
                assertThat(logged.path("level").asText())
                    .isEqualTo(outcome.equals("rejected") ? "WARN" : "INFO");
              });
      assertThat(aws.written).isEmpty();
      assertThat(aws.server.getAllServeEvents()).as("no AWS call").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everyRejectedSampleIsInTheReadme(String name) throws IOException {
    assertThat(Files.readString(AwsTestbed.SAMPLES.resolve("README.md")))
        .contains("`rejected/" + name + ".json`");
  }
}
