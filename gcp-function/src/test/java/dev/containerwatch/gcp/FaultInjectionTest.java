package dev.containerwatch.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The fault matrix: every API the function reads or writes, through the real clients against
 * WireMock, gets each fault once and then answers (the invocation succeeds, with exactly one more
 * attempt and the wait recorded), or keeps failing with a server error (the invocation fails after
 * exactly the policy's attempts). Targets: SCC {@code UpdateFinding} (the sink), GKE {@code
 * clusters.get} (the generated client), Artifact Analysis and Cloud Storage (REST). The runtime's
 * policy: 4 attempts, 200 ms to 10 s; SCC throttling: 1 s to 60 s; calls time out after 1 s.
 */
class FaultInjectionTest {
  @RegisterExtension static final FakeGoogle google = new FakeGoogle();

  /** What is faulted, and the event that makes the function call it. */
  enum Target {
    SCC_UPDATE_FINDING(
        "/v1/organizations/" + FakeGoogle.ORG + "/sources/[0-9]+/findings/[0-9a-f]{32}",
        "gcr-insert-scanned",
        true),
    GKE_CLUSTERS_GET(
        "/v1/projects/nordwind-shop-prod/locations/us-central1/clusters/checkout-usc1",
        "audit-cluster-update",
        false),
    ARTIFACT_ANALYSIS_GET(
        "/v1/projects/nordwind-shop-prod/occurrences/[^/]+", "occurrence-vulnerability", false),
    CLOUD_STORAGE_GET("/storage/v1/b/.*", "dockerhub-push-scanned", false);

    final String path;
    final String sample;
    final boolean quotaAware;

    Target(String path, String sample, boolean quotaAware) {
      this.path = path;
      this.sample = sample;
      this.quotaAware = quotaAware;
    }
  }

  /** A fault, given once. */
  enum Injected {
    THROTTLED(FakeGoogle.error(429, "RESOURCE_EXHAUSTED", "Quota exceeded")),
    THROTTLED_WITH_RETRY_AFTER(
        aResponse()
            .withStatus(429)
            .withHeader("Content-Type", "application/json")
            .withHeader("Retry-After", "3")
            .withBody(
                "{\"error\":{\"code\":429,\"status\":\"RESOURCE_EXHAUSTED\",\"message\":\"Quota"
                    + " exceeded\",\"details\":[{\"@type\":\"type.googleapis.com/google.rpc.RetryInfo\","
                    + "\"retryDelay\":\"3s\"}]}}")),
    INTERNAL_500(FakeGoogle.error(500, "INTERNAL", "Internal error")),
    BAD_GATEWAY_502(aResponse().withStatus(502).withBody("<html>502 Bad Gateway</html>")),
    UNAVAILABLE_503(FakeGoogle.error(503, "UNAVAILABLE", "The service is currently unavailable")),
    READ_TIMEOUT(aResponse().withStatus(200).withFixedDelay(1500).withBody("{}")),
    CONNECTION_RESET(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
    GARBLED_BODY(
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"name\": \"projects/x\", \"status\": "));

    final ResponseDefinitionBuilder response;

    Injected(ResponseDefinitionBuilder response) {
      this.response = response;
    }
  }

  static Stream<Arguments> faults() {
    List<Arguments> out = new ArrayList<>();
    for (Target t : Target.values()) {
      for (Injected f : Injected.values()) {
        // A scan report that is not JSON is the bucket's content, not a transient fault: it is
        // refused, not retried (tested on its own below).
        if (!(t == Target.CLOUD_STORAGE_GET && f == Injected.GARBLED_BODY)) {
          out.add(Arguments.of(t, f));
        }
      }
    }
    return out.stream();
  }

  private static Map<String, String> env() {
    Map<String, String> env = google.env();
    env.put(GcpSettings.CALL_TIMEOUT_SECONDS, "1");
    return env;
  }

  private static void run(GcpRuntime runtime, Target target) throws IOException {
    if (target == Target.CLOUD_STORAGE_GET) {
      byte[] body =
          java.nio.file.Files.readAllBytes(
              FakeGoogle.SAMPLES.resolve("http/" + target.sample + ".json"));
      WebhookHandler.Response r =
          runtime
              .webhooks()
              .handle(
                  "POST",
                  "/dockerhub",
                  q -> Optional.of(FakeGoogle.DOCKERHUB_TOKEN).filter(x -> q.equals("token")),
                  body);
      if (r.status() != 200) {
        throw new IllegalStateException("webhook answered " + r.status() + ": " + r.body());
      }
      return;
    }
    PubSubHandler.Outcome outcome = FakeGoogle.deliver(runtime, target.sample);
    assertThat(outcome.result()).isEqualTo(PubSubHandler.Result.PROCESSED);
  }

  private static int attempts(Target target) {
    return google.server.findAll(anyRequestedFor(urlPathMatching(target.path))).size();
  }

  @ParameterizedTest(name = "{0}: {1} once, then served")
  @MethodSource("faults")
  void aFaultOnceIsRetriedAndTheInvocationSucceeds(Target target, Injected fault)
      throws IOException {
    int writesBefore;
    google.overrideInScenario(
        any(urlPathMatching(target.path)), "fault", Scenario.STARTED, fault.response, "served");
    try (GcpRuntime runtime = google.runtime(env())) {
      run(runtime, target);

      int calls = attempts(target);
      assertThat(calls).as("one failed attempt, one served").isEqualTo(2);
      if (target == Target.GKE_CLUSTERS_GET && fault == Injected.CONNECTION_RESET) {
        // The cluster manager client's transport (the JDK's HttpURLConnection) resends a GET once
        // by itself after a reset, before the loader sees a failure: no wait.
        assertThat(google.sleeps).isEmpty();
        return;
      }
      assertThat(google.sleeps).hasSize(1);
      Duration wait = google.sleeps.get(0);
      if (fault == Injected.THROTTLED_WITH_RETRY_AFTER) {
        assertThat(wait).as("the server's delay").isEqualTo(Duration.ofSeconds(3));
      } else if (fault == Injected.THROTTLED && target.quotaAware) {
        assertThat(wait).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
      } else {
        assertThat(wait).isBetween(Duration.ZERO, Duration.ofMillis(200));
      }
      writesBefore = google.sccRequests().size();
      assertThat(writesBefore).as("the finding is written").isPositive();
      // Each finding is stored once: the written names are distinct (one write per finding).
      List<String> names = new ArrayList<>();
      google
          .sccRequests()
          .forEach(
              r -> {
                if (!r.path("url").asText().matches(target.path + "(\\?.*)?")
                    || target != Target.SCC_UPDATE_FINDING) {
                  names.add(r.path("url").asText());
                }
              });
      assertThat(names).doesNotHaveDuplicates();
    }
  }

  @ParameterizedTest(name = "{0}: 503 on every attempt")
  @MethodSource("targets")
  void aServerErrorOnEveryAttemptFailsTheInvocationAfterTheAttempts(Target target) {
    google.override(
        any(urlPathMatching(target.path)),
        FakeGoogle.error(503, "UNAVAILABLE", "The service is currently unavailable"));
    try (GcpRuntime runtime = google.runtime(env())) {
      assertThatThrownBy(() -> run(runtime, target)).isInstanceOf(RuntimeException.class);
      assertThat(attempts(target)).isEqualTo(4);
      assertThat(google.sleeps).hasSize(3);
      for (int i = 0; i < 3; i++) {
        assertThat(google.sleeps.get(i))
            .as("retry %d: full jitter below 200 ms * 2^%d", i + 1, i)
            .isBetween(Duration.ZERO, Duration.ofMillis(200L << i));
      }
    }
  }

  @org.junit.jupiter.api.Test
  void aScanReportThatIsNotJsonIsRefusedNotRetried() throws IOException {
    google.override(
        any(urlPathMatching(Target.CLOUD_STORAGE_GET.path)), Injected.GARBLED_BODY.response);
    try (GcpRuntime runtime = google.runtime(env())) {
      assertThatThrownBy(() -> run(runtime, Target.CLOUD_STORAGE_GET))
          .hasMessageContaining("webhook answered 400")
          .hasMessageContaining("is not JSON");
      assertThat(attempts(Target.CLOUD_STORAGE_GET)).isEqualTo(1);
      assertThat(google.sccRequests()).isEmpty();
    }
  }

  static Stream<Target> targets() {
    return Stream.of(Target.values());
  }
}
