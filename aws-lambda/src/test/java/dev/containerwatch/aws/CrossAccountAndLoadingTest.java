package dev.containerwatch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.eks.model.EksException;

/**
 * Loading through the real SDK clients: cross-account events through STS AssumeRole (once, the
 * credentials reused), the function's own account from STS when not configured, EKS throttling
 * retried by the SDK's retry strategy, and a load that fails for good failing the invocation.
 */
class CrossAccountAndLoadingTest {
  static final String CROSS = "cloudtrail-eks-update-cluster-config-cross-account";

  static String accessKey(ServeEvent e) {
    var m = AwsTestbed.CREDENTIAL_SCOPE.matcher(e.getRequest().getHeader("Authorization"));
    return m.find() ? m.group(1) : null;
  }

  @Test
  void anotherAccountsEventIsLoadedWithTheAssumedRoleOnce() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      EventBridgeHandler handler = new EventBridgeHandler(aws.function());
      aws.invoke(handler, AwsTestbed.sample(CROSS));
      aws.invoke(handler, AwsTestbed.sample(CROSS));
      aws.invoke(handler, AwsTestbed.sample("cloudtrail-eks-update-cluster-config"));

      List<ServeEvent> assume = aws.requests("AssumeRole");
      assertThat(assume).as("credentials cached until they expire").hasSize(1);
      assertThat(assume.get(0).getRequest().getBodyAsString())
          .contains("RoleArn=arn%3Aaws%3Aiam%3A%3A529384716203%3Arole%2Fcontainerwatch-reader")
          .contains("RoleSessionName=containerwatch");
      assertThat(accessKey(assume.get(0))).isEqualTo("AKIAIOSFODNN7EXAMPLE");

      List<ServeEvent> member = aws.requests("/clusters/analytics");
      assertThat(member).hasSize(2);
      for (ServeEvent e : member) {
        assertThat(accessKey(e)).isEqualTo("ASIAXMEMBERACCOUNT01");
        assertThat(e.getRequest().getHeader("X-Amz-Security-Token"))
            .isEqualTo("IQoJb3JpZ2luX2VjEMEMBERSESSIONTOKENEXAMPLE");
        assertThat(e.getRequest().getHeader("Authorization"))
            .contains("/us-east-1/eks/aws4_request");
      }
      List<ServeEvent> own = aws.requests("/clusters/orders-prod");
      assertThat(own).hasSize(1);
      assertThat(accessKey(own.get(0))).isEqualTo("AKIAIOSFODNN7EXAMPLE");
      // Findings are written by the function's own account, about the member's resource.
      for (ServeEvent e : aws.requests("/findings/import")) {
        assertThat(accessKey(e)).isEqualTo("AKIAIOSFODNN7EXAMPLE");
      }
    }
  }

  @Test
  void withoutARoleAnotherAccountsEventIsRejectedAndAcknowledged() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.env("CONTAINERWATCH_CROSS_ACCOUNT_ROLE", null);
      JsonNode answer = aws.onEventBridge(AwsTestbed.sample(CROSS));

      assertThat(answer.path("outcome").asText()).isEqualTo("rejected");
      assertThat(answer.path("reason").asText())
          .isEqualTo(
              "the event is about account 529384716203, not the function's own (418273645091), and no cross-account role is configured (CONTAINERWATCH_CROSS_ACCOUNT_ROLE)");
      assertThat(aws.requests("AssumeRole")).isEmpty();
      assertThat(aws.requests("/findings/import")).isEmpty();
    }
  }

  @Test
  void theOwnAccountIsAskedOfStsOnceWhenNotConfigured() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.env("CONTAINERWATCH_ACCOUNT_ID", null);
      aws.stub(
          post(urlPathEqualTo("/"))
              .withRequestBody(containing("Action=GetCallerIdentity"))
              .willReturn(
                  aResponse()
                      .withStatus(200)
                      .withHeader("Content-Type", "text/xml")
                      .withBody(
                          "<GetCallerIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><GetCallerIdentityResult>"
                              + "<Arn>arn:aws:sts::418273645091:assumed-role/containerwatch-function/containerwatch</Arn>"
                              + "<UserId>AROA3XFRBF23FUNCTIONID:containerwatch</UserId><Account>418273645091</Account>"
                              + "</GetCallerIdentityResult><ResponseMetadata><RequestId>01234567-89ab-cdef-0123-456789abcdef</RequestId></ResponseMetadata></GetCallerIdentityResponse>")));
      EventBridgeHandler handler = new EventBridgeHandler(aws.function());
      aws.invoke(handler, AwsTestbed.sample("cloudtrail-eks-update-cluster-config"));
      aws.invoke(handler, AwsTestbed.sample(CROSS));

      assertThat(aws.requests("GetCallerIdentity")).hasSize(1);
      assertThat(aws.requests("AssumeRole")).hasSize(1);
      JsonNode imported =
          AwsTestbed.readJson(
              aws.requests("/findings/import").get(0).getRequest().getBodyAsString());
      assertThat(imported.path("Findings").get(0).path("AwsAccountId").asText())
          .isEqualTo("418273645091");
    }
  }

  @Test
  void eksThrottlingIsRetriedByTheSdk() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.overrideInScenario(
          get(urlPathEqualTo("/clusters/orders-prod")),
          "eks",
          STARTED,
          aResponse()
              .withStatus(429)
              .withHeader("x-amzn-ErrorType", "ThrottlingException")
              .withBody("{\"message\":\"Rate exceeded\"}"),
          "ok");
      aws.overrideInScenario(
          get(urlPathEqualTo("/clusters/orders-prod")),
          "eks",
          "ok",
          AwsTestbed.json("eks/orders-prod.describe-cluster.json"),
          null);

      JsonNode answer =
          aws.onEventBridge(AwsTestbed.sample("cloudtrail-eks-update-cluster-config"));

      assertThat(answer.path("outcome").asText()).isEqualTo("processed");
      assertThat(answer.path("findings").asInt()).isEqualTo(2);
      assertThat(aws.requests("/clusters/orders-prod")).hasSize(2);
    }
  }

  @Test
  void aLoadThatFailsForGoodFailsTheInvocation() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.override(
          get(urlPathEqualTo("/clusters/orders-prod")),
          aResponse()
              .withStatus(403)
              .withHeader("x-amzn-ErrorType", "AccessDeniedException")
              .withBody(
                  "{\"message\":\"User: arn:aws:sts::418273645091:assumed-role/containerwatch-function/containerwatch is not authorized to perform: eks:DescribeCluster\"}"));

      assertThatThrownBy(
              () -> aws.onEventBridge(AwsTestbed.sample("cloudtrail-eks-update-cluster-config")))
          .isInstanceOf(EksException.class)
          .hasMessageContaining("not authorized to perform: eks:DescribeCluster");
      assertThat(aws.requests("/findings/import")).isEmpty();
      assertThat(aws.logLines)
          .anySatisfy(l -> assertThat(l).contains("\"level\":\"ERROR\"").contains("AccessDenied"));
    }
  }

  @Test
  void aClusterThatNoLongerExistsHasItsFindingsArchived() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      byte[] event =
          new String(
                  AwsTestbed.sample("cloudtrail-eks-update-cluster-version"),
                  java.nio.charset.StandardCharsets.UTF_8)
              .replace("\"name\": \"orders-prod\"", "\"name\": \"legacy-dev\"")
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      JsonNode answer = aws.onEventBridge(event);

      assertThat(answer.path("deleted").asInt()).isEqualTo(2);
      assertThat(answer.path("notes").get(0).asText())
          .isEqualTo("cluster legacy-dev does not exist: its findings are archived");
      List<JsonNode> archived =
          aws.requests("/findings/import").stream()
              .flatMap(
                  e ->
                      java.util.stream.StreamSupport.stream(
                          AwsTestbed.readJson(e.getRequest().getBodyAsString())
                              .path("Findings")
                              .spliterator(),
                          false))
              .toList();
      assertThat(archived)
          .hasSize(3)
          .allSatisfy(f -> assertThat(f.path("RecordState").asText()).isEqualTo("ARCHIVED"));
    }
  }

  @Test
  void sqsAnswersOnlyTheMessageWhoseWriteFailed() throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      JsonNode answer = aws.invoke(new SqsHandler(aws.function()), AwsTestbed.sample("sqs-batch"));

      assertThat(answer.toString())
          .isEqualTo(
              "{\"batchItemFailures\":[{\"itemIdentifier\":\"d7e4f1a2-5b8c-4e9d-a0f3-6c2b9e8d1a47\"}]}");
      assertThat(aws.logLines)
          .anySatisfy(
              l -> assertThat(l).contains("\"message\":\"rejected\"").contains("not valid JSON"));
      assertThat(aws.logLines)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("\"message\":\"processed\"")
                      .contains("13cde686-328b-6117-af20-0e5566167482"));
      assertThat(aws.logLines)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("\"level\":\"ERROR\"")
                      .contains("3f8e2d1c-9b0a-4c7e-8f6d-5e4c3b2a1f09"));
    }
  }
}
