package dev.containerwatch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.containerwatch.pipeline.SinkException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the Security Hub writes behave when Security Hub does not simply say yes, through the
 * EventBridge handler with the real signing and HTTP client: throttling and 5xx backed off and
 * retried, {@code FailedFindings} of a 200 retried alone, and a write that finally fails failing
 * the invocation. Waits are recorded, never slept.
 */
class SecurityHubDeliveryTest {

  /** The EKS cluster sample through the EventBridge handler; its answer. */
  static JsonNode deliver(AwsTestbed aws) throws Exception {
    return aws.onEventBridge(AwsTestbed.sample("config-eks-cluster"));
  }

  /** A 200 whose {@code FailedFindings} holds orders-prod's Arc finding with this error. */
  static ResponseDefinitionBuilder failedArcFinding(AwsTestbed aws, String code, String message)
      throws Exception {
    return aResponse()
        .withStatus(200)
        .withBody(
            "{\"FailedCount\":1,\"SuccessCount\":1,\"FailedFindings\":[{\"Id\":\""
                + arcIdOf(aws)
                + "\",\"ErrorCode\":\""
                + code
                + "\",\"ErrorMessage\":\""
                + message
                + "\"}]}");
  }

  static ResponseDefinitionBuilder throttled() {
    return aResponse()
        .withStatus(429)
        .withHeader("Content-Type", "application/json")
        .withHeader(
            "x-amzn-ErrorType",
            "TooManyRequestsException:http://internal.amazon.com/coral/com.amazonaws.securityhub.v20181026/")
        .withHeader("Retry-After", "2")
        .withBody("{\"Message\":\"Rate exceeded\"}");
  }

  static ResponseDefinitionBuilder okImport() {
    return aResponse()
        .withStatus(200)
        .withBody("{\"FailedCount\":0,\"SuccessCount\":2,\"FailedFindings\":[]}");
  }

  @Test
  void throttlingIsRetriedWithTheServersRetryAfter() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.overrideInScenario(
          AwsTestbed.securityHubImport(), "throttle", STARTED, throttled(), "again");
      aws.overrideInScenario(
          AwsTestbed.securityHubImport(),
          "throttle",
          "again",
          aResponse().withStatus(500).withBody("{\"message\":\"InternalException\"}"),
          "ok");
      aws.overrideInScenario(AwsTestbed.securityHubImport(), "throttle", "ok", okImport(), null);

      JsonNode answer = deliver(aws);

      assertThat(answer.path("outcome").asText()).isEqualTo("processed");
      List<com.github.tomakehurst.wiremock.stubbing.ServeEvent> imports =
          aws.requests("/findings/import");
      assertThat(imports).hasSize(3);
      assertThat(imports)
          .extracting(e -> e.getRequest().getBodyAsString())
          .containsOnly(imports.get(0).getRequest().getBodyAsString());
      assertThat(aws.sleeps).hasSize(2);
      assertThat(aws.sleeps.get(0)).isEqualTo(Duration.ofSeconds(2));
      assertThat(aws.sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(400));
    }
  }

  @Test
  void aWriteThatKeepsFailingFailsTheInvocation() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.override(
          AwsTestbed.securityHubImport(),
          aResponse().withStatus(503).withBody("{\"message\":\"Service Unavailable\"}"));

      assertThatThrownBy(() -> deliver(aws))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("security-hub")
          .hasMessageContaining("failed after 4 attempts")
          .hasMessageContaining("HTTP 503");
      assertThat(aws.requests("/findings/import")).hasSize(4);
      assertThat(aws.sleeps).hasSize(3);
      assertThat(aws.logLines)
          .anySatisfy(l -> assertThat(l).contains("\"level\":\"ERROR\"").contains("SinkException"));
    }
  }

  @Test
  void anAccessErrorIsNotRetried() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.override(
          AwsTestbed.securityHubImport(),
          aResponse()
              .withStatus(401)
              .withHeader("x-amzn-ErrorType", "InvalidAccessException")
              .withBody(
                  "{\"Message\":\"Account 418273645091 is not subscribed to AWS Security Hub\"}"));

      assertThatThrownBy(() -> deliver(aws))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("HTTP 401 InvalidAccessException");
      assertThat(aws.requests("/findings/import")).hasSize(1);
      assertThat(aws.sleeps).isEmpty();
    }
  }

  @Test
  void anInvalidRequestIsNotRetriedAndItsMessageIsKept() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.override(
          AwsTestbed.securityHubImport(),
          aResponse()
              .withStatus(400)
              .withHeader("x-amzn-ErrorType", "InvalidInputException")
              .withBody("{\"Message\":\"Invalid ProductArn\"}"));

      assertThatThrownBy(() -> deliver(aws))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("HTTP 400 InvalidInputException: Invalid ProductArn");
      assertThat(aws.requests("/findings/import")).hasSize(1);
    }
  }

  @Test
  void failedFindingsOfASuccessfulResponseAreSentAgainAlone() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      String arcId = "containerwatch/eks.defender-arc-extension/";
      aws.overrideInScenario(
          AwsTestbed.securityHubImport(),
          "partial",
          STARTED,
          failedArcFinding(aws, "InternalFailure", "Internal service failure"),
          "ok");
      aws.overrideInScenario(AwsTestbed.securityHubImport(), "partial", "ok", okImport(), null);

      JsonNode answer = deliver(aws);

      assertThat(answer.path("outcome").asText()).isEqualTo("processed");
      List<JsonNode> bodies =
          aws.requests("/findings/import").stream()
              .map(e -> AwsTestbed.readJson(e.getRequest().getBodyAsString()))
              .toList();
      assertThat(bodies).hasSize(2);
      assertThat(bodies.get(0).path("Findings")).hasSize(2);
      assertThat(bodies.get(1).path("Findings")).hasSize(1);
      assertThat(bodies.get(1).path("Findings").get(0).path("Id").asText())
          .startsWith(arcId)
          .isEqualTo(arcIdOf(aws));
      assertThat(aws.sleeps).hasSize(1);
    }
  }

  @Test
  void findingsFailingForGoodAreReportedWithoutRetries() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.override(
          AwsTestbed.securityHubImport(),
          failedArcFinding(
              aws, "InvalidInput", "Finding does not adhere to Amazon Finding Format."));

      assertThatThrownBy(() -> deliver(aws))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining(arcIdOf(aws) + ": InvalidInput Finding does not adhere");
      assertThat(aws.requests("/findings/import")).hasSize(1);
    }
  }

  @Test
  void retryableFailedFindingsThatKeepFailingAreReportedAfterTheAttempts() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.override(
          AwsTestbed.securityHubImport(),
          failedArcFinding(aws, "LimitExceededException", "Rate exceeded"));

      assertThatThrownBy(() -> deliver(aws))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("1 finding(s) still failing after 4 attempts");
      assertThat(aws.requests("/findings/import")).hasSize(4);
      assertThat(aws.sleeps).hasSize(3);
    }
  }

  /** The Security Hub id of orders-prod's Arc finding, from the golden request of the sample. */
  static String arcIdOf(AwsTestbed aws) throws Exception {
    JsonNode golden =
        AwsTestbed.JSON.readTree(
            AwsTestbed.GOLDEN.resolve("config-eks-cluster.securityhub.json").toFile());
    return golden.get(0).path("body").path("Findings").get(1).path("Id").asText();
  }
}
