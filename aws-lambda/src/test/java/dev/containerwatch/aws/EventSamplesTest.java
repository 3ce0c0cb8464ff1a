package dev.containerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
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
    try (Stream<Path> files = Files.list(AwsTestbed.SAMPLES)) {
      List<String> names =
          files
              .map(p -> p.getFileName().toString())
              .filter(n -> n.endsWith(".json") && !n.endsWith(".expected.json"))
              .map(n -> n.substring(0, n.length() - ".json".length()))
              .sorted()
              .collect(Collectors.toList());
      assertThat(names).hasSizeGreaterThanOrEqualTo(30);
      return names.stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleGivesItsGoldenFindingsAndSecurityHubRequests(String name) throws IOException {
    byte[] event = Files.readAllBytes(AwsTestbed.SAMPLES.resolve(name + ".json"));
    try (AwsTestbed aws = new AwsTestbed()) {
      JsonNode answer = aws.invoke(aws.handlerFor(event), event);

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

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }
}
