package dev.containerwatch.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.containerwatch.gcp.loaders.LoadException;
import dev.containerwatch.pipeline.SinkException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Throttling, server errors, permanent errors and partial failures of the APIs, through the real
 * clients against WireMock: retried with backoff (the waits are recorded, never slept), and a write
 * or read that finally fails fails the invocation so that Eventarc retries it.
 */
class FailureBehaviourTest {
  private static final String FINDINGS =
      "/v1/organizations/" + FakeGoogle.ORG + "/sources/[0-9]+/findings/[0-9a-f]{32}";

  /** The cluster the audit log and asset samples are about, as GKE's API names it. */
  private static final String CLUSTER =
      "/v1/projects/nordwind-shop-prod/locations/us-central1/clusters/checkout-usc1";

  @RegisterExtension static final FakeGoogle google = new FakeGoogle();

  private static int requests(String pathRegex) {
    return google.server.findAll(anyRequestedFor(urlPathMatching(pathRegex))).size();
  }

  private static JsonNode lastLog() {
    List<JsonNode> logs = google.logs();
    return logs.get(logs.size() - 1);
  }

  @Test
  void quotaErrorsFromSccAreRetriedWithBackoff() throws IOException {
    google.overrideInScenario(
        any(urlPathMatching(FINDINGS)),
        "quota",
        Scenario.STARTED,
        FakeGoogle.error(
            429,
            "RESOURCE_EXHAUSTED",
            "Quota exceeded for quota metric 'Write requests' and limit 'Write requests per"
                + " minute per project'"),
        "recovered");
    google.overrideInScenario(
        any(urlPathMatching(FINDINGS)), "quota", "recovered", okJson("{}"), null);
    try (GcpRuntime runtime = google.runtime(google.env())) {
      PubSubHandler.Outcome outcome = FakeGoogle.deliver(runtime, "gcr-insert-scanned");

      assertThat(outcome.result()).isEqualTo(PubSubHandler.Result.PROCESSED);
      assertThat(requests(FINDINGS)).isEqualTo(2);
      // A refusal for the quota waits between half and all of the first throttle delay (1 s).
      assertThat(google.sleeps).hasSize(1);
      assertThat(google.sleeps.get(0)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }
  }

  @Test
  void sccServerErrorsThatPersistFailTheInvocation() throws IOException {
    google.override(
        any(urlPathMatching(FINDINGS)),
        FakeGoogle.error(503, "UNAVAILABLE", "The service is currently unavailable."));
    try (GcpRuntime runtime = google.runtime(google.env())) {
      assertThatThrownBy(() -> FakeGoogle.deliver(runtime, "gcr-insert-scanned"))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("security-command-center")
          .hasMessageContaining("failed after 4 attempts")
          .hasMessageContaining("UNAVAILABLE");
      assertThat(requests(FINDINGS)).isEqualTo(4);
      assertThat(google.sleeps).hasSize(3);
      assertThat(google.sleeps.get(1)).isLessThanOrEqualTo(Duration.ofMillis(400));
      assertThat(google.sleeps.get(2)).isLessThanOrEqualTo(Duration.ofMillis(800));
      JsonNode line = lastLog();
      assertThat(line.path("severity").asText()).isEqualTo("ERROR");
      assertThat(line.path("outcome").asText()).isEqualTo("failed");
      assertThat(line.path("family").asText()).isEqualTo("gcr");
    }
  }

  @Test
  void aPartialFailureWritesTheOthersAndFailsTheInvocation() throws IOException {
    // GKE_LOGGING of checkout-usc1 is refused for good; the nine other findings go through.
    String logging =
        "/v1/organizations/"
            + FakeGoogle.ORG
            + "/sources/7241935786402716215/findings/9c009a9d5f9e30d03a7f5df783feb0c4";
    google.override(
        any(urlPathEqualTo(logging)),
        FakeGoogle.error(400, "INVALID_ARGUMENT", "Invalid value for source_properties"));
    try (GcpRuntime runtime = google.runtime(google.env())) {
      assertThatThrownBy(() -> FakeGoogle.deliver(runtime, "asset-cluster-misconfigured"))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("1 of 10 failed")
          .hasMessageContaining("INVALID_ARGUMENT");
      assertThat(requests(FINDINGS)).isEqualTo(10);
      assertThat(requests(logging)).as("a permanent error is not retried").isEqualTo(1);
      assertThat(google.sleeps).isEmpty();
    }
  }

  @Test
  void resolvingADeletedResourceLeavesFindingsThatNeverExistedAlone() throws IOException {
    google.statefulScc();
    try (GcpRuntime runtime = google.runtime(google.env())) {
      PubSubHandler.Outcome outcome = FakeGoogle.deliver(runtime, "gcr-delete-digest");

      assertThat(outcome.result()).isEqualTo(PubSubHandler.Result.PROCESSED);
      assertThat(google.sccReads()).as("the image's stored findings, read once").hasSize(1);
      assertThat(google.sccRequests()).as("nothing is created for a deleted image").isEmpty();
    }
  }

  @Test
  void aClusterThatIsGoneWhenReadIsResolved() throws IOException {
    google.override(
        get(urlPathEqualTo(CLUSTER)),
        FakeGoogle.error(
            404,
            "NOT_FOUND",
            "Not found: projects/nordwind-shop-prod/locations/us-central1/clusters/checkout-usc1."));
    google.statefulScc();
    try (GcpRuntime runtime = google.runtime(google.env())) {
      FakeGoogle.deliver(runtime, "asset-cluster-misconfigured");
      assertThat(google.scc.stored()).hasSize(10);

      PubSubHandler.Outcome outcome = FakeGoogle.deliver(runtime, "asset-nodepool-created");

      assertThat(outcome.result()).isEqualTo(PubSubHandler.Result.PROCESSED);
      assertThat(outcome.notes()).singleElement().asString().contains("no longer exists");
      assertThat(google.scc.stored().values())
          .hasSize(10)
          .allSatisfy(f -> assertThat(f.path("state").asInt()).as("INACTIVE").isEqualTo(2));
    }
  }

  @Test
  void aClusterThatCannotBeReadFailsTheInvocation() throws IOException {
    google.override(
        get(urlPathEqualTo(CLUSTER)),
        FakeGoogle.error(403, "PERMISSION_DENIED", "Permission 'container.clusters.get' denied"));
    try (GcpRuntime runtime = google.runtime(google.env())) {
      assertThatThrownBy(() -> FakeGoogle.deliver(runtime, "audit-cluster-update"))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("PERMISSION_DENIED");
      assertThat(google.sccRequests()).isEmpty();
      assertThat(lastLog().path("outcome").asText()).isEqualTo("failed");
    }
  }

  @Test
  void anUnreadableAnswerFailsTheInvocationAndIsLogged() throws IOException {
    google.override(
        get(urlPathEqualTo(CLUSTER)),
        aResponse()
            .withStatus(200)
            .withHeader("Content-Type", "application/json")
            .withBody("{\"name\": "));
    try (GcpRuntime runtime = google.runtime(google.env())) {
      assertThatThrownBy(() -> FakeGoogle.deliver(runtime, "audit-cluster-update"))
          .isInstanceOf(RuntimeException.class);
      assertThat(lastLog().path("severity").asText()).isEqualTo("ERROR");
      assertThat(lastLog().path("outcome").asText()).isEqualTo("failed");
      assertThat(google.sccRequests()).isEmpty();
    }
  }

  @Test
  void aMalformedAnswerOfArtifactAnalysisIsRejected() throws IOException {
    google.override(
        get(urlPathEqualTo("/v1/projects/nordwind-shop-prod/occurrences")),
        okJson(
            "{\"occurrences\": [{\"name\": \"projects/nordwind-shop-prod/occurrences/x\", \"kind\": \"VULNERABILITY\", \"resourceUri\": \"https://us-central1-docker.pkg.dev/nordwind-shop-prod/checkout/payments-api@sha256:4b9e2c7a1f3d5e8b0a6c9d2f4e7b1a3c5d8e0f2a4b6c9d1e3f5a7b9c2d4e6f80\", \"noteName\": \"projects/goog-vulnz/notes/CVE-2024-6387\", \"vulnerability\": {\"cvssScore\": \"high\"}}]}"));
    try (GcpRuntime runtime = google.runtime(google.env())) {
      PubSubHandler.Outcome outcome = FakeGoogle.deliver(runtime, "occurrence-vulnerability");

      assertThat(outcome.result()).isEqualTo(PubSubHandler.Result.REJECTED);
      assertThat(outcome.notes())
          .singleElement()
          .asString()
          .startsWith("Artifact Analysis occurrences:");
      assertThat(google.sccRequests()).isEmpty();
    }
  }

  @Test
  void artifactAnalysisThrottlingHonoursRetryAfter() throws IOException {
    google.overrideInScenario(
        get(urlPathEqualTo("/v1/projects/nordwind-shop-prod/occurrences")),
        "throttled",
        Scenario.STARTED,
        FakeGoogle.error(429, "RESOURCE_EXHAUSTED", "Quota exceeded")
            .withHeader("Retry-After", "3"),
        "served");
    try (GcpRuntime runtime = google.runtime(google.env())) {
      PubSubHandler.Outcome outcome = FakeGoogle.deliver(runtime, "occurrence-vulnerability");

      assertThat(outcome.findings())
          .singleElement()
          .satisfies(f -> assertThat(f.status().name()).isEqualTo("FAILED"));
      assertThat(google.sleeps).containsExactly(Duration.ofSeconds(3));
    }
  }

  @Test
  void artifactAnalysisErrorsThatPersistFailTheInvocation() throws IOException {
    google.override(
        get(urlPathMatching("/v1/projects/nordwind-shop-prod/occurrences/.*")),
        FakeGoogle.error(500, "INTERNAL", "Internal error"));
    try (GcpRuntime runtime = google.runtime(google.env())) {
      assertThatThrownBy(() -> FakeGoogle.deliver(runtime, "occurrence-vulnerability"))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("failed after 4 attempts")
          .hasMessageContaining("500 INTERNAL Internal error");
      assertThat(google.sleeps).hasSize(3);
      assertThat(google.sccRequests()).isEmpty();
    }
  }

  @Test
  void artifactAnalysisPermissionErrorsAreNotRetried() throws IOException {
    google.override(
        get(urlPathMatching("/v1/projects/nordwind-shop-prod/occurrences/.*")),
        FakeGoogle.error(403, "PERMISSION_DENIED", "The caller does not have permission"));
    try (GcpRuntime runtime = google.runtime(google.env())) {
      assertThatThrownBy(() -> FakeGoogle.deliver(runtime, "occurrence-vulnerability"))
          .isInstanceOf(LoadException.class)
          .hasMessageContaining("403 PERMISSION_DENIED");
      assertThat(requests("/v1/projects/nordwind-shop-prod/occurrences/.*")).isEqualTo(1);
      assertThat(google.sleeps).isEmpty();
    }
  }

  @Test
  void aSweepGoesOnWhenOneProjectCannotBeRead() throws IOException {
    google.override(
        get(urlPathEqualTo("/v1/projects/nordwind-payments-prod/locations/-/clusters")),
        FakeGoogle.error(
            403,
            "PERMISSION_DENIED",
            "Kubernetes Engine API has not been used in project 418273650192 before or it is disabled."));
    try (GcpRuntime runtime = google.runtime(google.env())) {
      PubSubHandler.Outcome outcome = FakeGoogle.deliver(runtime, "scheduler-sweep");

      assertThat(outcome.result()).isEqualTo(PubSubHandler.Result.PROCESSED);
      assertThat(outcome.notes())
          .containsExactly("sweep: project nordwind-payments-prod could not be read");
      assertThat(outcome.findings())
          .extracting(f -> f.resource().account())
          .containsOnly("nordwind-shop-prod");
      assertThat(google.sccRequests()).hasSize(20);
      assertThat(google.logs())
          .anySatisfy(
              l -> {
                assertThat(l.path("severity").asText()).isEqualTo("ERROR");
                assertThat(l.path("project").asText()).isEqualTo("nordwind-payments-prod");
              });
    }
  }

  @Test
  void aSweepWithoutProjectsSaysSo() throws IOException {
    Map<String, String> env = google.env();
    env.remove("CONTAINERWATCH_PROJECTS");
    try (GcpRuntime runtime = google.runtime(env)) {
      PubSubHandler.Outcome outcome = FakeGoogle.deliver(runtime, "scheduler-sweep");
      assertThat(outcome.notes())
          .containsExactly("sweep: no projects are configured (CONTAINERWATCH_PROJECTS)");
      assertThat(google.server.getAllServeEvents()).isEmpty();
    }
  }

  @Test
  void clientsAreBuiltOnlyWhenAnEventNeedsThem() throws IOException {
    try (GcpRuntime runtime = google.runtime(google.env())) {
      FakeGoogle.deliver(runtime, "asset-feed-welcome");
      assertThat(runtime.clients().built("container")).isFalse();
      assertThat(runtime.clients().built("securitycenter")).isFalse();

      FakeGoogle.deliver(runtime, "asset-cluster-misconfigured");
      assertThat(runtime.clients().built("container")).as("the feed carries the cluster").isFalse();
      assertThat(runtime.clients().built("securitycenter")).isTrue();

      var scc = runtime.clients().securityCenter().get();
      FakeGoogle.deliver(runtime, "asset-nodepool-created");
      assertThat(runtime.clients().built("container")).isTrue();
      assertThat(runtime.clients().securityCenter().get()).as("built once, reused").isSameAs(scc);
    }
  }

  @Test
  void aConfigurationWithoutFindingsStoreIsRefused() {
    Map<String, String> env = google.env();
    env.remove("CONTAINERWATCH_SCC_SOURCE");
    try (GcpRuntime runtime = google.runtime(env)) {
      assertThatThrownBy(runtime::pubSub)
          .hasMessage(
              "configuration: no findings store: set CONTAINERWATCH_SCC_SOURCE and/or CONTAINERWATCH_WEBHOOK_URL");
    }
  }

  @Test
  void theWebhookSinkGetsTheFindingsToo() throws IOException {
    google.server.stubFor(
        com.github.tomakehurst.wiremock.client.WireMock.post(
                urlPathEqualTo("/hooks/containerwatch"))
            .willReturn(aResponse().withStatus(204)));
    Map<String, String> env = google.env();
    env.put("CONTAINERWATCH_WEBHOOK_URL", google.url() + "/hooks/containerwatch");
    env.put("CONTAINERWATCH_WEBHOOK_STATUSES", "FAILED,PASSED");
    env.put(
        "CONTAINERWATCH_WEBHOOK_SECRET",
        "whsec_"
            + java.util.Base64.getEncoder()
                .encodeToString("0123456789abcdef0123456789abcdef".getBytes()));
    // The production factory refuses loopback targets; the same sink, allowed to reach WireMock.
    try (GcpRuntime runtime =
        new GcpRuntime(
            env,
            java.net.http.HttpClient.newHttpClient(),
            dev.containerwatch.pipeline.RetryPolicy.defaults(),
            google.sleeper(),
            java.time.Clock.fixed(FakeGoogle.NOW, java.time.ZoneOffset.UTC),
            new Log(google.logLines::add),
            (e, http) ->
                new dev.containerwatch.webhook.WebhookSink(
                    dev.containerwatch.webhook.WebhookTarget.of(
                        e.get("CONTAINERWATCH_WEBHOOK_URL"), true, false),
                    new dev.containerwatch.webhook.WebhookSigner(
                        e.get("CONTAINERWATCH_WEBHOOK_SECRET")),
                    dev.containerwatch.webhook.WebhookSink.parseStatuses(
                        e.get("CONTAINERWATCH_WEBHOOK_STATUSES")),
                    http,
                    java.time.Clock.fixed(FakeGoogle.NOW, java.time.ZoneOffset.UTC),
                    dev.containerwatch.pipeline.RetryPolicy.defaults(),
                    google.sleeper()))) {
      FakeGoogle.deliver(runtime, "asset-cluster-misconfigured");

      assertThat(runtime.pipeline().sinks())
          .extracting(s -> s.name())
          .containsExactly("security-command-center", "webhook");
      assertThat(google.sccRequests()).hasSize(10);
      var hooks = google.requests(e -> e.getRequest().getUrl().equals("/hooks/containerwatch"));
      assertThat(hooks).hasSize(1);
      assertThat(hooks.get(0).path("body").path("data").path("findings")).hasSize(10);
    }
  }

  @Test
  void theWebhookSinkIsConfiguredFromTheEnvironment() {
    Map<String, String> env = google.env();
    env.put("CONTAINERWATCH_WEBHOOK_URL", "https://localhost/hooks/containerwatch");
    env.put(
        "CONTAINERWATCH_WEBHOOK_SECRET",
        "whsec_"
            + java.util.Base64.getEncoder()
                .encodeToString("0123456789abcdef0123456789abcdef".getBytes()));
    assertThatThrownBy(() -> google.runtime(env))
        .isInstanceOf(dev.containerwatch.InvalidInputException.class)
        .hasMessage("webhook host localhost is a loopback address");
  }
}
