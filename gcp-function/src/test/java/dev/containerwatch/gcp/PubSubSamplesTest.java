package dev.containerwatch.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.testing.Golden;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample CloudEvent of {@code events-samples/gcp} through the Pub/Sub handler, with GKE,
 * Artifact Analysis and Security Command Center on WireMock: the findings must equal {@code
 * <sample>.expected.json}, and the outcome and the exact SCC requests {@code
 * src/test/resources/golden/<sample>.json}. Rejected samples must be logged with their expected
 * reason and acknowledged, without a call to any API.
 */
class PubSubSamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final FakeGoogle google = new FakeGoogle();

  static Stream<Path> samples() {
    return FakeGoogle.samples(FakeGoogle.SAMPLES);
  }

  static Stream<Path> rejected() {
    return FakeGoogle.samples(FakeGoogle.SAMPLES.resolve("rejected"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleGivesItsFindingsAndSccRequests(Path sample) throws IOException {
    try (GcpRuntime runtime = google.runtime(google.env())) {
      PubSubHandler.Outcome outcome =
          FakeGoogle.deliver(runtime.pubSub(), FakeGoogle.readFile(sample));

      assertThat(outcome.result()).isNotEqualTo(PubSubHandler.Result.REJECTED);
      Golden.assertMatches(
          sample.resolveSibling(FakeGoogle.name(sample) + ".expected.json"),
          FindingJson.toJson(outcome.findings()));
      ObjectNode golden = JsonNodeFactory.instance.objectNode();
      golden.put("result", outcome.result().name());
      golden.put("family", outcome.family());
      golden.set("notes", JSON.valueToTree(outcome.notes()));
      golden.set("sccRequests", google.sccRequests());
      Golden.assertMatches(FakeGoogle.GOLDEN.resolve(FakeGoogle.name(sample) + ".json"), golden);
      assertThat(google.sleeps).as("no retry waits on a healthy API").isEmpty();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejected")
  void rejectedSampleIsLoggedWithItsReasonAndAcknowledged(Path sample) throws IOException {
    try (GcpRuntime runtime = google.runtime(google.env())) {
      PubSubHandler.Outcome outcome =
          FakeGoogle.deliver(runtime.pubSub(), FakeGoogle.readFile(sample));

      assertThat(outcome.result()).isEqualTo(PubSubHandler.Result.REJECTED);
      assertThat(outcome.notes()).hasSize(1);
      String reason = outcome.notes().get(0);
      ObjectNode expected = JsonNodeFactory.instance.objectNode();
      expected.put("reason", reason);
      Golden.assertMatches(
          sample.resolveSibling(FakeGoogle.name(sample) + ".expected.json"), expected);
      List<JsonNode> logs = google.logs();
      assertThat(logs).hasSize(1);
      JsonNode line = logs.get(0);
      assertThat(line.path("severity").asText()).isEqualTo("WARNING");
      assertThat(line.path("outcome").asText()).isEqualTo("rejected");
      assertThat(line.path("reason").asText()).isEqualTo(reason);
      assertThat(line.path("eventId").asText())
          .isEqualTo(FakeGoogle.readFile(sample).path("id").asText());
      assertThat(google.server.getAllServeEvents()).as("no API was called").isEmpty();
    }
  }
}
