package dev.containerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample event in {@code events-samples/aws/} goes through its handler as the Lambda Java
 * runtime delivers it (the raw bytes in, the JSON answer out), with the real SDK clients talking to
 * WireMock. Three golden files per sample: the findings in the neutral form ({@code
 * <name>.expected.json} next to the sample), the exact Security Hub requests ({@code
 * golden/<name>.securityhub.json}) and the handler's answer ({@code golden/<name>.answer.json}).
 */
class EventSamplesTest {

  static Stream<String> samples() throws IOException {
    return AwsTestbed.sampleNames(AwsTestbed.SAMPLES, 30);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleGivesItsGoldenFindingsAndSecurityHubRequests(String name) throws IOException {
    try (AwsTestbed aws = new AwsTestbed()) {
      JsonNode answer = aws.invokeSample(AwsTestbed.SAMPLES, name);

      if (name.startsWith("sqs-")) {
        assertThat(answer.path("batchItemFailures")).isNotNull();
      } else {
        assertThat(answer.path("outcome").asText()).as("answer %s", answer).isEqualTo("processed");
      }
      assertThat(aws.logLines)
          .noneMatch(l -> l.contains("\"rejected\"") && !name.startsWith("sqs-"));

      Golden.assertMatches(AwsTestbed.SAMPLES.resolve(name + ".expected.json"), aws.writtenJson());
      Golden.assertMatches(
          AwsTestbed.GOLDEN.resolve(name + ".securityhub.json"), aws.securityHubRequests());
      Golden.assertMatches(AwsTestbed.GOLDEN.resolve(name + ".answer.json"), answer);
    }
  }

  /** The samples' inputs are kept honest: each event sample has a table row in the README. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySampleIsInTheReadme(String name) throws IOException {
    String readme = Files.readString(AwsTestbed.SAMPLES.resolve("README.md"));
    assertThat(readme).contains("`" + name + ".json`");
  }
}
