package dev.containerwatch.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.azure.handlers.HttpOutcome;
import dev.containerwatch.azure.handlers.Outcome;
import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import dev.containerwatch.azure.testing.TestHttpRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The samples under {@code rejected/}: each is acknowledged (the function returns normally, or an
 * HTTP function answers 4xx), writes nothing, and logs one line whose reason contains {@code
 * <name>.reason.txt}.
 */
class RejectedSamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final FakeAzure azure = new FakeAzure();

  static Stream<Path> eventGrid() {
    return Samples.in("rejected/eventgrid").stream();
  }

  static Stream<Path> eventHub() {
    return Samples.in("rejected/eventhub").stream();
  }

  static Stream<Path> admission() {
    return Samples.in("rejected/admission").stream();
  }

  static Stream<Path> dockerHub() {
    return Samples.in("rejected/dockerhub").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventGrid")
  void eventGridEventIsLoggedAndAcknowledged(Path sample) {
    TestContext context = new TestContext("containerwatch-eventgrid");
    AzureApp app = TestApps.app(azure);

    Outcome outcome = new EventGridFunction(() -> app).handle(Samples.read(sample), context);

    assertThat(outcome.findings()).isEmpty();
    assertLoggedOnce(context, sample);
    assertThat(azure.writes()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventHub")
  void eventHubMessageIsLoggedAndAcknowledged(Path sample) throws Exception {
    TestContext context = new TestContext("containerwatch-aks-audit");
    AzureApp app = TestApps.app(azure);
    List<String> messages = Samples.messages(sample);

    Outcome outcome = new AksAuditLogFunction(() -> app).handle(messages, context);

    assertThat(outcome.findings()).isEmpty();
    assertThat(outcome.rejected()).hasSize(messages.size());
    assertLoggedOnce(context, sample);
    assertThat(azure.writes()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("admission")
  void admissionReviewIsAnswered400(Path sample) {
    TestContext context = new TestContext("containerwatch-admission");
    AzureApp app = TestApps.app(azure);

    HttpOutcome outcome =
        new AdmissionFunction(() -> app)
            .handle(TestHttpRequest.admission(Samples.read(sample), Map.of()), context);

    assertThat(outcome.status()).isEqualTo(400);
    assertThat(outcome.body().path("error").asText()).contains(Samples.reason(sample));
    assertLoggedOnce(context, sample);
    assertThat(azure.writes()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dockerHub")
  void dockerHubPushIsAnswered400(Path sample) {
    TestContext context = new TestContext("containerwatch-dockerhub");
    AzureApp app = TestApps.app(azure);

    HttpOutcome outcome =
        new DockerHubFunction(() -> app)
            .handle(
                TestHttpRequest.dockerHub(Samples.read(sample), TestApps.DOCKERHUB_TOKEN), context);

    assertThat(outcome.status()).isEqualTo(400);
    assertLoggedOnce(context, sample);
    assertThat(azure.writes()).isEmpty();
  }

  private static void assertLoggedOnce(TestContext context, Path sample) {
    List<JsonNode> lines = new ArrayList<>(context.lines("rejected"));
    lines.addAll(context.lines("ignored"));
    assertThat(lines).as(context.text()).hasSize(1);
    assertThat(lines.get(0).path("reason").asText()).contains(Samples.reason(sample));
    assertThat(lines.get(0).path("level").asText()).isIn("warning", "info");
  }
}
