package dev.containerwatch.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The HTTP function's samples ({@code events-samples/gcp/http}): Docker Hub pushes ({@code
 * dockerhub-*}, to {@code POST /dockerhub?token=...}, reports read from the Cloud Storage bucket on
 * WireMock) and AdmissionReviews ({@code admission-*}, to {@code POST /admission}). The findings
 * answered must equal {@code <sample>.expected.json}; the HTTP answer and the SCC requests {@code
 * golden/http-<sample>.json}.
 */
class WebhookSamplesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path HTTP = FakeGoogle.SAMPLES.resolve("http");
  @RegisterExtension static final FakeGoogle google = new FakeGoogle();

  static Stream<Path> samples() {
    return FakeGoogle.samples(HTTP);
  }

  private static WebhookHandler.Response post(
      GcpRuntime runtime, String path, Map<String, String> query, byte[] body) {
    return runtime
        .webhooks()
        .handle("POST", path, name -> Optional.ofNullable(query.get(name)), body);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void sampleGivesItsAnswerFindingsAndSccRequests(Path sample) throws IOException {
    String name = FakeGoogle.name(sample);
    byte[] body = Files.readAllBytes(sample);
    try (GcpRuntime runtime = google.runtime(google.env())) {
      WebhookHandler.Response response =
          name.startsWith("dockerhub-")
              ? post(runtime, "/dockerhub", Map.of("token", FakeGoogle.DOCKERHUB_TOKEN), body)
              : post(runtime, "/admission", Map.of(), body);

      assertThat(response.status()).isEqualTo(200);
      JsonNode answer = JSON.readTree(response.body());
      JsonNode findings =
          answer.has("findings") ? answer.get("findings") : JsonNodeFactory.instance.arrayNode();
      Golden.assertMatches(sample.resolveSibling(name + ".expected.json"), findings);
      ObjectNode golden = JsonNodeFactory.instance.objectNode();
      golden.set("answer", answer);
      golden.set("sccRequests", google.sccRequests());
      Golden.assertMatches(FakeGoogle.GOLDEN.resolve("http-" + name + ".json"), golden);
    }
  }

  @Test
  void admissionWritesNoFinding() throws IOException {
    try (GcpRuntime runtime = google.runtime(google.env())) {
      WebhookHandler.Response r =
          post(
              runtime,
              "/admission",
              Map.of(),
              Files.readAllBytes(HTTP.resolve("admission-privileged-pod.json")));

      assertThat(r.status()).isEqualTo(200);
      assertThat(JSON.readTree(r.body()).path("response").path("warnings").size()).isPositive();
      assertThat(google.server.getAllServeEvents()).isEmpty();
      assertThat(runtime.clients().built("securitycenter")).isFalse();
    }
  }

  @Test
  void admissionTakesTheClusterFromTheUrl() throws IOException {
    Map<String, String> env = google.env();
    env.remove("CONTAINERWATCH_ADMISSION_CLUSTER");
    byte[] review = Files.readAllBytes(HTTP.resolve("admission-privileged-pod.json"));
    try (GcpRuntime runtime = google.runtime(env)) {
      assertThat(post(runtime, "/admission", Map.of(), review).status()).isEqualTo(400);
      assertThat(google.logs().get(0).path("reason").asText()).startsWith("no cluster:");
      WebhookHandler.Response r =
          post(
              runtime,
              "/admission",
              Map.of(
                  "cluster",
                  "projects/nordwind-shop-prod/locations/us-central1/clusters/checkout-usc1"),
              review);
      assertThat(r.status()).isEqualTo(200);
      assertThat(post(runtime, "/admission", Map.of("cluster", "checkout-usc1"), review).status())
          .isEqualTo(400);
    }
  }

  @Test
  void badRequestsAreAnsweredWithTheirStatusAndLogged() throws IOException {
    byte[] push = Files.readAllBytes(HTTP.resolve("dockerhub-push-scanned.json"));
    try (GcpRuntime runtime = google.runtime(google.env())) {
      assertThat(post(runtime, "/dockerhub", Map.of("token", "guess"), push).status())
          .isEqualTo(401);
      assertThat(post(runtime, "/dockerhub", Map.of(), push).status()).isEqualTo(401);
      assertThat(
              post(
                      runtime,
                      "/dockerhub",
                      Map.of("token", FakeGoogle.DOCKERHUB_TOKEN),
                      "{}".getBytes())
                  .status())
          .isEqualTo(400);
      assertThat(post(runtime, "/admission", Map.of(), "not json".getBytes()).status())
          .isEqualTo(400);
      assertThat(
              post(runtime, "/admission", Map.of(), "{\"kind\":\"AdmissionReview\"}".getBytes())
                  .status())
          .isEqualTo(400);
      assertThat(post(runtime, "/elsewhere", Map.of(), push).status()).isEqualTo(404);
      assertThat(
              runtime
                  .webhooks()
                  .handle("GET", "/admission", n -> Optional.empty(), new byte[0])
                  .status())
          .isEqualTo(405);
      assertThat(google.logs()).hasSize(7);
      assertThat(google.logs())
          .allSatisfy(l -> assertThat(l.path("severity").asText()).isEqualTo("WARNING"));
      assertThat(google.logLines)
          .noneMatch(l -> l.contains("guess") || l.contains(FakeGoogle.DOCKERHUB_TOKEN));
      assertThat(google.sccRequests()).isEmpty();
    }
  }

  @Test
  void reportsAreReadFromAFolderToo(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Map<String, String> env = google.env();
    env.put("CONTAINERWATCH_SCAN_REPORTS", FakeGoogle.RESOURCES.resolve("scan-reports").toString());
    try (GcpRuntime runtime = google.runtime(env)) {
      WebhookHandler.Response r =
          post(
              runtime,
              "/dockerhub",
              Map.of("token", FakeGoogle.DOCKERHUB_TOKEN),
              Files.readAllBytes(HTTP.resolve("dockerhub-push-scanned.json")));
      assertThat(JSON.readTree(r.body()).path("findings").get(0).path("status").asText())
          .isEqualTo("FAILED");
      assertThat(google.requests(e -> e.getRequest().getUrl().startsWith("/storage/"))).isEmpty();
    }
  }
}
