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
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Event Hub, admission, Docker Hub and timer samples through their function classes: findings
 * against {@code <name>.expected.json}, HTTP answers against {@code <name>.response.json}, and the
 * Defender requests against the golden files.
 */
class FunctionSamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static FakeAzure azure;

  @BeforeAll
  static void start() {
    azure = new FakeAzure();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  static Stream<Path> eventHub() {
    return Samples.in("eventhub").stream();
  }

  static Stream<Path> admission() {
    return Samples.in("admission").stream();
  }

  static Stream<Path> dockerHub() {
    return Samples.in("dockerhub").stream();
  }

  static Stream<Path> timer() {
    return Samples.in("timer").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("eventHub")
  void eventHubBatch(Path sample) throws Exception {
    azure.reset();
    AzureApp app = TestApps.app(azure, Samples.config(sample).orElse(null));
    TestContext context = new TestContext("containerwatch-aks-audit");
    List<String> messages = new ArrayList<>();
    for (JsonNode m : JSON.readTree(Samples.read(sample))) {
      messages.add(m.toString());
    }

    Outcome outcome = new AksAuditLogFunction(() -> app).handle(messages, context);

    assertThat(outcome.rejected()).isEmpty();
    assertGolden(sample, outcome.findings());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("admission")
  void admissionReview(Path sample) throws Exception {
    azure.reset();
    AzureApp app = TestApps.app(azure, Samples.config(sample).orElse(null));
    TestContext context = new TestContext("containerwatch-admission");
    TestHttpRequest request =
        new TestHttpRequest("https://fn.example/api/admission", Samples.read(sample), Map.of());

    TestHttpRequest.Response response =
        (TestHttpRequest.Response) new AdmissionFunction(() -> app).run(request, context);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    Golden.assertMatches(Samples.response(sample), JSON.readTree((String) response.getBody()));

    azure.reset();
    AzureApp fresh = TestApps.app(azure, Samples.config(sample).orElse(null));
    HttpOutcome outcome = new AdmissionFunction(() -> fresh).handle(request, context);
    assertThat(outcome.body()).isEqualTo(JSON.readTree((String) response.getBody()));
    assertGolden(sample, outcome.findings());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dockerHub")
  void dockerHubPush(Path sample) throws Exception {
    azure.reset();
    AzureApp app = TestApps.app(azure, Samples.config(sample).orElse(null));
    TestContext context = new TestContext("containerwatch-dockerhub");
    TestHttpRequest request =
        new TestHttpRequest(
            "https://fn.example/api/dockerhub",
            Samples.read(sample),
            Map.of("token", TestApps.DOCKERHUB_TOKEN));

    HttpOutcome outcome = new DockerHubFunction(() -> app).handle(request, context);

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(outcome.body().path("findings").asInt()).isEqualTo(outcome.findings().size());
    assertGolden(sample, outcome.findings());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timer")
  void sweep(Path sample) throws Exception {
    azure.reset();
    AzureApp app = TestApps.app(azure, Samples.config(sample).orElse(null));
    TestContext context = new TestContext("containerwatch-sweep");

    Outcome outcome = new SweepFunction(() -> app).handle(context);

    assertGolden(sample, outcome.findings());
  }

  private static void assertGolden(Path sample, List<dev.containerwatch.findings.Finding> findings)
      throws Exception {
    Golden.assertMatches(Samples.expected(sample), FindingJson.toJson(findings));
    Path requests = Samples.requests(sample);
    Files.createDirectories(requests.getParent());
    Golden.assertMatches(requests, azure.writes());
  }
}
