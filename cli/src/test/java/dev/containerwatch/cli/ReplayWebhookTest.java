package dev.containerwatch.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.containerwatch.webhook.WebhookSigner;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code replay --webhook}: the findings reach a real HTTP endpoint (WireMock on loopback, allowed
 * by the local-testing flag), signed as the deployed functions sign them.
 */
class ReplayWebhookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SECRET =
      "whsec_"
          + Base64.getEncoder()
              .encodeToString("replay-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

  private WireMockServer receiver;
  private String url;

  @BeforeEach
  void start() {
    receiver =
        new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
    receiver.start();
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/containerwatch")).willReturn(aResponse().withStatus(204)));
    url = "http://127.0.0.1:" + receiver.port() + "/hooks/containerwatch";
  }

  @AfterEach
  void stop() {
    receiver.stop();
  }

  @Test
  void findingsAndDeletionsAreDeliveredSigned() throws Exception {
    CliRun run =
        CliRun.of(
            "replay",
            "--webhook",
            url,
            "--webhook-secret",
            SECRET,
            "--allow-loopback",
            "../events-samples/aws/config-eks-cluster.json",
            "../events-samples/aws/config-eks-cluster-deleted.json",
            "../events-samples/dockerhub/push-with-grype-report.json");

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    assertThat(run.out())
        .contains("webhook http://127.0.0.1:" + receiver.port() + "/hooks/containerwatch")
        .contains("2 finding(s) and 2 deletion(s) delivered, signed");
    List<LoggedRequest> requests = requests();
    assertThat(requests).hasSize(4);
    List<String> types = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    for (LoggedRequest r : requests) {
      String id = r.getHeader("webhook-id");
      long timestamp = Long.parseLong(r.getHeader("webhook-timestamp"));
      assertThat(r.getHeader("webhook-signature"))
          .isEqualTo(new WebhookSigner(SECRET).sign(id, timestamp, r.getBody()));
      assertThat(r.getHeader("Content-Type")).isEqualTo("application/json");
      JsonNode body = JSON.readTree(r.getBody());
      types.add(body.path("type").asText());
      body.path("data")
          .path("findings")
          .forEach(f -> failed.add(f.path("ruleId").asText() + " " + f.path("status").asText()));
    }
    assertThat(types)
        .containsExactly(
            "containerwatch.findings.v1",
            "containerwatch.resource.deleted.v1",
            "containerwatch.resource.deleted.v1",
            "containerwatch.findings.v1");
    // FAILED only, as deployed by default
    assertThat(failed)
        .containsExactly(
            "eks.defender-permissions FAILED", "dockerhub.image-vulnerability-findings FAILED");
  }

  @Test
  void theStatusesSentAreConfigurable() {
    CliRun run =
        CliRun.of(
            "replay",
            "--webhook",
            url,
            "--webhook-secret",
            SECRET,
            "--webhook-statuses",
            "FAILED,PASSED,UNKNOWN",
            "--allow-loopback",
            "../events-samples/aws/config-eks-cluster.json");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("2 finding(s) and 0 deletion(s) delivered");
  }

  @Test
  void aLoopbackWebhookIsRefusedWithoutTheLocalTestingFlag() {
    CliRun run =
        CliRun.of(
            "replay", "--webhook", url, "--webhook-secret", SECRET, "../events-samples/dockerhub");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("containerwatch: webhook host 127.0.0.1 is a loopback address");
    assertThat(receiver.getAllServeEvents()).isEmpty();
  }

  @Test
  void theSecretIsRequiredAndNeverPrinted() {
    CliRun missing =
        CliRun.of("replay", "--webhook", url, "--allow-loopback", "../events-samples/dockerhub");
    if (System.getenv("CONTAINERWATCH_WEBHOOK_SECRET") == null) {
      assertThat(missing.exitCode()).isEqualTo(2);
      assertThat(missing.err()).contains("--webhook needs the signing secret");
    }
    CliRun bad =
        CliRun.of(
            "replay",
            "--webhook",
            url,
            "--webhook-secret",
            "hunter2",
            "--allow-loopback",
            "../events-samples/dockerhub");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err())
        .contains("webhook secret must start with whsec_")
        .doesNotContain("hunter2");
  }

  @Test
  void aDeliveryThatFailsFailsTheSampleAndTheRun() {
    receiver.stubFor(
        post(urlPathEqualTo("/hooks/containerwatch")).willReturn(aResponse().withStatus(410)));
    CliRun run =
        CliRun.of(
            "replay",
            "--webhook",
            url + "?token=s3cr3t-query",
            "--webhook-secret",
            SECRET,
            "--allow-loopback",
            "../events-samples/dockerhub/push-with-grype-report.json");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .containsPattern("push-with-grype-report.json +ERROR .*HTTP 410 \\(endpoint gone\\)")
        .doesNotContain("s3cr3t-query");
  }

  private List<LoggedRequest> requests() {
    List<LoggedRequest> out = new ArrayList<>();
    receiver.getAllServeEvents().forEach(e -> out.add(0, e.getRequest()));
    return out;
  }
}
