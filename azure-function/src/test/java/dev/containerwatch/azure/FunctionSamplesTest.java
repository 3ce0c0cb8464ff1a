package dev.containerwatch.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.azure.handlers.HttpOutcome;
import dev.containerwatch.azure.handlers.Outcome;
import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import dev.containerwatch.azure.testing.TestHttpRequest;
import dev.containerwatch.testing.Golden;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Event Hub, admission, Docker Hub and timer samples through their function classes: findings
 * against {@code <name>.expected.json}, HTTP answers against {@code <name>.response.json}, and the
 * Defender requests against the golden files.
 */
class FunctionSamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final FakeAzure azure = new FakeAzure();

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
    AzureApp app = TestApps.forSample(azure, sample);
    TestContext context = new TestContext("containerwatch-aks-audit");
    List<String> messages = Samples.messages(sample);

    Outcome outcome = new AksAuditLogFunction(() -> app).handle(messages, context);

    assertThat(outcome.rejected()).isEmpty();
    Samples.assertGolden(sample, outcome.findings(), azure);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("admission")
  void admissionReview(Path sample) throws Exception {
    AzureApp app = TestApps.forSample(azure, sample);
    TestContext context = new TestContext("containerwatch-admission");
    LocalHttpRequest request = TestHttpRequest.admission(Samples.read(sample), Map.of());

    LocalHttpRequest.Response response =
        (LocalHttpRequest.Response) new AdmissionFunction(() -> app).run(request, context);

    assertThat(response.getStatusCode()).isEqualTo(200);
    assertThat(response.getHeader("Content-Type")).isEqualTo("application/json");
    Golden.assertMatches(Samples.response(sample), JSON.readTree((String) response.getBody()));

    azure.reset();
    AzureApp fresh = TestApps.forSample(azure, sample);
    HttpOutcome outcome = new AdmissionFunction(() -> fresh).handle(request, context);
    assertThat(outcome.body()).isEqualTo(JSON.readTree((String) response.getBody()));
    Samples.assertGolden(sample, outcome.findings(), azure);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dockerHub")
  void dockerHubPush(Path sample) throws Exception {
    AzureApp app = TestApps.forSample(azure, sample);
    TestContext context = new TestContext("containerwatch-dockerhub");
    LocalHttpRequest request =
        TestHttpRequest.dockerHub(Samples.read(sample), TestApps.DOCKERHUB_TOKEN);

    HttpOutcome outcome = new DockerHubFunction(() -> app).handle(request, context);

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(outcome.body().path("findings").asInt()).isEqualTo(outcome.findings().size());
    Samples.assertGolden(sample, outcome.findings(), azure);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("timer")
  void sweep(Path sample) throws Exception {
    AzureApp app = TestApps.forSample(azure, sample);
    TestContext context = new TestContext("containerwatch-sweep");

    Outcome outcome = new SweepFunction(() -> app).handle(context);

    Samples.assertGolden(sample, outcome.findings(), azure);
  }
}
