package dev.containerwatch.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.engine.Evaluation;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookSinkTest {
  @RegisterExtension
  static WireMockExtension receiver =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  private static final byte[] KEY =
      "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");
  private static final ResourceRef CLUSTER =
      new ResourceRef(
          ResourceType.AKS_CLUSTER,
          "/subscriptions/2f4a9c1e-7b3d-4e8a-9f21-0c5d6e7a8b9c/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod-weu",
          "2f4a9c1e-7b3d-4e8a-9f21-0c5d6e7a8b9c",
          "westeurope",
          "aks-prod-weu");

  private final List<Duration> waits = new ArrayList<>();

  private WebhookSink sink(EnumSet<Status> statuses) {
    WebhookTarget target =
        WebhookTarget.of(receiver.baseUrl() + "/hooks/findings?token=s3cr3t-query", true, false);
    return new WebhookSink(
        target,
        new WebhookSigner(SECRET),
        statuses,
        HttpClient.newHttpClient(),
        Clock.fixed(NOW, ZoneOffset.UTC),
        new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(30)),
        waits::add);
  }

  private static Finding finding(String ruleId, Status status) {
    return Finding.of(
        new Evaluation(ruleId, CLUSTER, null, status, ruleId + " reason"),
        Catalog.bundled().require(ruleId),
        NOW);
  }

  @Test
  void findingsArePostedSignedAsStandardWebhooksSays() throws Exception {
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/findings")).willReturn(aResponse().withStatus(204)));
    sink(EnumSet.of(Status.FAILED))
        .write(
            List.of(
                finding("aks.rbac", Status.FAILED),
                finding("aks.defender-profile", Status.PASSED)));

    LoggedRequest r = receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/findings"))).get(0);
    String id = r.getHeader("webhook-id");
    String timestamp = r.getHeader("webhook-timestamp");
    assertThat(id).matches("msg_[0-9a-f]{32}");
    assertThat(timestamp).isEqualTo(Long.toString(NOW.getEpochSecond()));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
    byte[] expected =
        mac.doFinal(
            (id + "." + timestamp + "." + r.getBodyAsString()).getBytes(StandardCharsets.UTF_8));
    assertThat(r.getHeader("webhook-signature"))
        .isEqualTo("v1," + Base64.getEncoder().encodeToString(expected));

    JsonNode body = new ObjectMapper().readTree(r.getBody());
    assertThat(body.path("type").asText()).isEqualTo("containerwatch.findings.v1");
    assertThat(body.path("timestamp").asText()).isEqualTo(NOW.toString());
    assertThat(body.path("data").path("findings").findValuesAsText("ruleId"))
        .containsExactly("aks.rbac");
  }

  @Test
  void serverErrorsAreRetriedWithTheSameMessageIdAndThenSucceed() {
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/findings"))
            .inScenario("flaky")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(503))
            .willSetStateTo("recovered"));
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/findings"))
            .inScenario("flaky")
            .whenScenarioStateIs("recovered")
            .willReturn(aResponse().withStatus(200)));
    sink(EnumSet.of(Status.FAILED)).write(List.of(finding("aks.rbac", Status.FAILED)));

    List<LoggedRequest> requests =
        receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/findings")));
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).getHeader("webhook-id"))
        .isEqualTo(requests.get(0).getHeader("webhook-id"));
    assertThat(waits).hasSize(1);
    assertThat(waits.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
  }

  @Test
  void retryAfterIsHonoured() {
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/findings"))
            .inScenario("throttled")
            .whenScenarioStateIs(Scenario.STARTED)
            .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7"))
            .willSetStateTo("ok"));
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/findings"))
            .inScenario("throttled")
            .whenScenarioStateIs("ok")
            .willReturn(aResponse().withStatus(202)));
    sink(EnumSet.of(Status.FAILED)).write(List.of(finding("aks.rbac", Status.FAILED)));
    assertThat(waits).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void aWriteThatKeepsFailingFailsWithoutShowingTheQuery() {
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/findings")).willReturn(aResponse().withStatus(500)));
    assertThatThrownBy(
            () ->
                sink(EnumSet.of(Status.FAILED)).write(List.of(finding("aks.rbac", Status.FAILED))))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("failed after 4 attempts")
        .hasMessageContaining("/hooks/findings")
        .satisfies(
            e -> assertThat(e.getMessage()).doesNotContain("s3cr3t-query").doesNotContain(SECRET));
    assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/findings")))).hasSize(4);
    assertThat(waits).hasSize(3);
  }

  @Test
  void clientErrorsAreNotRetried() {
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/findings")).willReturn(aResponse().withStatus(410)));
    assertThatThrownBy(
            () ->
                sink(EnumSet.of(Status.FAILED)).write(List.of(finding("aks.rbac", Status.FAILED))))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("HTTP 410 (endpoint gone)");
    assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/findings")))).hasSize(1);
  }

  @Test
  void findingsAreSentInBatchesOfAHundred() {
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/findings")).willReturn(aResponse().withStatus(200)));
    List<Finding> many = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      ResourceRef r =
          new ResourceRef(ResourceType.AKS_CLUSTER, CLUSTER.id() + i, null, null, "c" + i);
      many.add(
          Finding.of(
              new Evaluation("aks.rbac", r, null, Status.FAILED, "off"),
              Catalog.bundled().require("aks.rbac"),
              NOW));
    }
    sink(EnumSet.of(Status.FAILED)).write(many);
    assertThat(receiver.findAll(postRequestedFor(urlPathEqualTo("/hooks/findings")))).hasSize(3);
  }

  @Test
  void aDeletedResourceSendsTheIdsOfItsFindings() throws Exception {
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/findings")).willReturn(aResponse().withStatus(200)));
    sink(EnumSet.of(Status.FAILED))
        .resourceDeleted(CLUSTER, List.of("aks.rbac", "aks.defender-profile"), NOW);
    JsonNode body =
        new ObjectMapper()
            .readTree(
                receiver
                    .findAll(postRequestedFor(urlPathEqualTo("/hooks/findings")))
                    .get(0)
                    .getBody());
    assertThat(body.path("type").asText()).isEqualTo("containerwatch.resource.deleted.v1");
    assertThat(body.path("data").path("findingIds")).hasSize(2);
    assertThat(body.path("data").path("findingIds").get(0).asText())
        .isEqualTo(finding("aks.rbac", Status.FAILED).id().hex());
  }

  @Test
  void nothingIsSentWhenNoFindingHasAConfiguredStatus() {
    sink(EnumSet.of(Status.FAILED)).write(List.of(finding("aks.rbac", Status.PASSED)));
    receiver.verify(0, postRequestedFor(urlPathEqualTo("/hooks/findings")));
  }

  @Test
  void statusesAreParsedAndNamedWhenWrong() {
    assertThat(WebhookSink.parseStatuses("FAILED, passed"))
        .containsExactlyInAnyOrder(Status.FAILED, Status.PASSED);
    assertThatThrownBy(() -> WebhookSink.parseStatuses("FAILED,BROKEN"))
        .hasMessageContaining("unknown status 'BROKEN'");
  }

  @Test
  void theSignatureHeaderNamesTheScheme() {
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/findings")).willReturn(aResponse().withStatus(200)));
    sink(EnumSet.of(Status.FAILED)).write(List.of(finding("aks.rbac", Status.FAILED)));
    receiver.verify(
        postRequestedFor(urlPathEqualTo("/hooks/findings"))
            .withHeader("Content-Type", equalTo("application/json")));
  }
}
