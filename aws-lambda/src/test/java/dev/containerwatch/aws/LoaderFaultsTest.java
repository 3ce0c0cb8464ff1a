package dev.containerwatch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import dev.containerwatch.aws.loaders.AwsClients;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.AcquireInitialTokenResponse;
import software.amazon.awssdk.retries.api.RecordSuccessRequest;
import software.amazon.awssdk.retries.api.RecordSuccessResponse;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenResponse;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * Fault injection against every API the loaders call, through the real SDK clients with the
 * function's own retry strategy ({@link AwsClients#standardRetries}): each call of each target
 * answers with a fault first, then with the real-shaped response. The waits the strategy asks for
 * are recorded instead of slept. A transient fault is retried and the event gives the same findings
 * as without it; a fault that lasts fails the invocation after exactly {@link
 * AwsClients#MAX_ATTEMPTS} attempts, so the platform retries the event.
 */
class LoaderFaultsTest {
  static final Duration READ_TIMEOUT = Duration.ofMillis(400);

  enum Protocol {
    REST_JSON,
    JSON_1_1,
    QUERY
  }

  /** An API call, the sample event that makes it, and how to recognise it. */
  record Target(String name, String sample, Protocol protocol, Supplier<MappingBuilder> request) {
    /**
     * A GET whose connection is reset is sent again by the JDK's HTTP client itself, before the SDK
     * sees a failure (it does so for idempotent requests): no wait is asked for.
     */
    boolean resentByTheHttpClient(FaultKind fault) {
      return protocol == Protocol.REST_JSON && fault.name().equals("connection reset");
    }

    @Override
    public String toString() {
      return name;
    }
  }

  /** A fault: its answer, whether the SDK retries it, and the wait it asks for. */
  record FaultKind(
      String name,
      Function<Protocol, ResponseDefinitionBuilder> answer,
      boolean throttling,
      Duration retryAfter) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final List<Target> TARGETS =
      List.of(
          new Target(
              "EKS DescribeCluster",
              "cloudtrail-eks-update-cluster-config",
              Protocol.REST_JSON,
              () -> get(urlPathEqualTo("/clusters/orders-prod"))),
          new Target(
              "EKS ListNodegroups",
              "cloudtrail-eks-update-cluster-config",
              Protocol.REST_JSON,
              () -> get(urlPathEqualTo("/clusters/orders-prod/node-groups"))),
          new Target(
              "EKS DescribeNodegroup",
              "cloudtrail-eks-update-cluster-config",
              Protocol.REST_JSON,
              () -> get(urlPathEqualTo("/clusters/orders-prod/node-groups/orders-general"))),
          new Target(
              "EKS ListAddons",
              "cloudtrail-eks-update-cluster-config",
              Protocol.REST_JSON,
              () -> get(urlPathEqualTo("/clusters/orders-prod/addons"))),
          new Target(
              "EKS DescribeAddon",
              "cloudtrail-eks-update-cluster-config",
              Protocol.REST_JSON,
              () -> get(urlPathEqualTo("/clusters/orders-prod/addons/coredns"))),
          new Target(
              "EKS ListClusters",
              "scheduled-event",
              Protocol.REST_JSON,
              () -> get(urlPathEqualTo("/clusters"))),
          new Target(
              "ECR DescribeRepositories",
              "cloudtrail-ecr-set-repository-policy",
              Protocol.JSON_1_1,
              () ->
                  AwsTestbed.ecr("DescribeRepositories")
                      .withRequestBody(containing("\"repositoryNames\":[\"shop/web\"]"))),
          new Target(
              "ECR GetRepositoryPolicy",
              "cloudtrail-ecr-set-repository-policy",
              Protocol.JSON_1_1,
              () ->
                  AwsTestbed.ecr("GetRepositoryPolicy")
                      .withRequestBody(containing("\"shop/web\""))),
          new Target(
              "ECR DescribeImageScanFindings",
              "ecr-image-scan",
              Protocol.JSON_1_1,
              () ->
                  AwsTestbed.ecr("DescribeImageScanFindings")
                      .withRequestBody(containing(AwsTestbed.WEB_DIGEST))),
          new Target(
              "ECR BatchGetRepositoryScanningConfiguration",
              "ecr-image-action-push",
              Protocol.JSON_1_1,
              () ->
                  AwsTestbed.ecr("BatchGetRepositoryScanningConfiguration")
                      .withRequestBody(containing("\"shop/web\""))),
          new Target(
              "STS AssumeRole",
              "cloudtrail-eks-update-cluster-config-cross-account",
              Protocol.QUERY,
              () -> post(urlPathEqualTo("/")).withRequestBody(containing("Action=AssumeRole"))));

  static ResponseDefinitionBuilder throttlingAnswer(Protocol p) {
    switch (p) {
      case REST_JSON:
        return aResponse()
            .withStatus(429)
            .withHeader("Content-Type", "application/json")
            .withHeader("x-amzn-ErrorType", "ThrottlingException")
            .withBody("{\"message\":\"Rate exceeded\"}");
      case JSON_1_1:
        return aResponse()
            .withStatus(400)
            .withHeader("Content-Type", "application/x-amz-json-1.1")
            .withBody("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
      default:
        return aResponse()
            .withStatus(400)
            .withHeader("Content-Type", "text/xml")
            .withBody(
                "<ErrorResponse><Error><Type>Sender</Type><Code>Throttling</Code>"
                    + "<Message>Rate exceeded</Message></Error>"
                    + "<RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId></ErrorResponse>");
    }
  }

  static final List<FaultKind> FAULTS =
      List.of(
          new FaultKind("throttled", LoaderFaultsTest::throttlingAnswer, true, null),
          new FaultKind(
              "429 with Retry-After",
              p -> throttlingAnswer(p).withStatus(429).withHeader("Retry-After", "3"),
              true,
              Duration.ofSeconds(3)),
          new FaultKind("500", p -> aResponse().withStatus(500).withBody("oops"), false, null),
          new FaultKind("502", p -> aResponse().withStatus(502).withBody("<html/>"), false, null),
          new FaultKind("503", p -> aResponse().withStatus(503).withBody("<html/>"), false, null),
          new FaultKind(
              "read timeout",
              p -> aResponse().withStatus(503).withFixedDelay((int) READ_TIMEOUT.toMillis() * 3),
              false,
              null),
          new FaultKind(
              "connection reset",
              p -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
              false,
              null));

  /** Each target with each fault. */
  static Stream<Object[]> transientFaults() {
    List<Object[]> out = new ArrayList<>();
    for (Target t : TARGETS) {
      for (FaultKind f : FAULTS) {
        out.add(new Object[] {t, f});
      }
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1}, then the answer")
  @MethodSource("transientFaults")
  void aTransientFaultIsRetriedAndChangesNothing(Target target, FaultKind fault) throws Exception {
    JsonNode baselineFindings;
    Map<String, Integer> baselineAccepted;
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.onEventBridge(AwsTestbed.sample(target.sample()));
      baselineFindings = aws.writtenJson();
      baselineAccepted = SecurityHubFaultsTest.acceptedIds(aws);
    }
    try (AwsTestbed aws = new AwsTestbed()) {
      List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
      aws.readTimeout(READ_TIMEOUT)
          .sdkRetries(() -> recording(AwsClients.standardRetries(), waits));
      // The fault once, then the default stubs' real answer.
      aws.overrideInScenario(
          target.request().get(),
          "fault",
          com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED,
          fault.answer().apply(target.protocol()),
          "answered");

      JsonNode answer = aws.onEventBridge(AwsTestbed.sample(target.sample()));

      assertThat(answer.path("outcome").asText()).isEqualTo("processed");
      assertThat(aws.writtenJson()).isEqualTo(baselineFindings);
      assertThat(SecurityHubFaultsTest.acceptedIds(aws)).isEqualTo(baselineAccepted);
      assertThat(aws.server.findAll(requestPattern(target))).hasSize(2);
      if (target.resentByTheHttpClient(fault)) {
        assertThat(waits).isEmpty();
      } else {
        assertThat(waits).hasSize(1);
        checkWait(waits.get(0), 1, fault);
      }
    }
  }

  static Stream<Object[]> lastingFaults() {
    List<Object[]> out = new ArrayList<>();
    for (Target t : TARGETS) {
      out.add(new Object[] {t, FAULTS.get(0)});
      out.add(new Object[] {t, FAULTS.get(4)});
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}: {1} always")
  @MethodSource("lastingFaults")
  void aLastingFaultFailsTheInvocationAfterBoundedAttempts(Target target, FaultKind fault)
      throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
      aws.readTimeout(READ_TIMEOUT)
          .sdkRetries(() -> recording(AwsClients.standardRetries(), waits));
      aws.override(target.request().get(), fault.answer().apply(target.protocol()));

      assertThatThrownBy(() -> aws.onEventBridge(AwsTestbed.sample(target.sample())))
          .isInstanceOf(RuntimeException.class);

      assertThat(aws.server.findAll(requestPattern(target))).hasSize(AwsClients.MAX_ATTEMPTS);
      assertThat(waits).hasSize(AwsClients.MAX_ATTEMPTS - 1);
      for (int i = 0; i < waits.size(); i++) {
        checkWait(waits.get(i), i + 1, fault);
      }
      assertThat(aws.requests("/findings/import")).as("nothing written").isEmpty();
      assertThat(aws.logLines).anySatisfy(l -> assertThat(l).contains("will be retried"));
    }
  }

  /**
   * A 200 whose body is cut short: the JSON clients (EKS, ECR) retry an answer they cannot read
   * like any transient fault, all the attempts; STS (XML) does not, and the invocation fails at
   * once. Either way the invocation fails in the end and the platform retries the event.
   */
  @ParameterizedTest(name = "{0}: garbled 200")
  @MethodSource("garbledTargets")
  void aGarbledAnswerFailsTheInvocation(Target target) throws Exception {
    try (AwsTestbed aws = new AwsTestbed()) {
      List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
      aws.sdkRetries(() -> recording(AwsClients.standardRetries(), waits));
      aws.override(
          target.request().get(),
          aResponse()
              .withStatus(200)
              .withHeader("Content-Type", "application/json")
              .withBody("{\"cluster\":{\"name\":\"orders-pr"));

      assertThatThrownBy(() -> aws.onEventBridge(AwsTestbed.sample(target.sample())))
          .isInstanceOf(RuntimeException.class);

      assertThat(aws.server.findAll(requestPattern(target)))
          .hasSize(target.protocol() == Protocol.QUERY ? 1 : AwsClients.MAX_ATTEMPTS);
      assertThat(aws.requests("/findings/import")).as("nothing written").isEmpty();
    }
  }

  static Stream<Target> garbledTargets() {
    return Stream.of(TARGETS.get(0), TARGETS.get(6), TARGETS.get(10));
  }

  /** A wait before retry {@code n}: the server's wish, or random under the doubling bound. */
  static void checkWait(Duration wait, int n, FaultKind fault) {
    Duration base = fault.throttling() ? AwsClients.THROTTLING_BASE_DELAY : AwsClients.BASE_DELAY;
    Duration bound = base.multipliedBy(1L << (n - 1));
    bound = bound.compareTo(AwsClients.MAX_DELAY) > 0 ? AwsClients.MAX_DELAY : bound;
    if (fault.retryAfter() != null) {
      assertThat(wait)
          .as("wait %d honours Retry-After", n)
          .isGreaterThanOrEqualTo(fault.retryAfter());
      return;
    }
    assertThat(wait).as("wait %d", n).isBetween(Duration.ZERO, bound);
  }

  static com.github.tomakehurst.wiremock.matching.RequestPatternBuilder requestPattern(Target t) {
    return com.github.tomakehurst.wiremock.matching.RequestPatternBuilder.like(
        t.request().get().build().getRequest());
  }

  /**
   * The strategy as it is, except that the waits it asks for are recorded and not slept: the SDK's
   * equivalent of the sinks' recording sleeper.
   */
  static RetryStrategy recording(RetryStrategy strategy, List<Duration> waits) {
    return new RetryStrategy() {
      @Override
      public AcquireInitialTokenResponse acquireInitialToken(AcquireInitialTokenRequest r) {
        AcquireInitialTokenResponse a = strategy.acquireInitialToken(r);
        return AcquireInitialTokenResponse.create(a.token(), Duration.ZERO);
      }

      @Override
      public RefreshRetryTokenResponse refreshRetryToken(RefreshRetryTokenRequest r) {
        RefreshRetryTokenResponse a = strategy.refreshRetryToken(r);
        waits.add(a.delay());
        return RefreshRetryTokenResponse.create(a.token(), Duration.ZERO);
      }

      @Override
      public RecordSuccessResponse recordSuccess(RecordSuccessRequest r) {
        return strategy.recordSuccess(r);
      }

      @Override
      public int maxAttempts() {
        return strategy.maxAttempts();
      }

      @Override
      public Builder<?, ?> toBuilder() {
        return strategy.toBuilder();
      }
    };
  }
}
