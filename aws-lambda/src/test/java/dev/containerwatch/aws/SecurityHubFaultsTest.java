package dev.containerwatch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.containerwatch.pipeline.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault injection against Security Hub, through the EventBridge handler with the sink's real
 * signing and HTTP client: each scenario is a list of answers WireMock gives in turn to one
 * operation ({@code BatchImportFindings} for the EKS Config sample, {@code GetFindings} for the
 * deleted-cluster sample), the attempts the function must make, whether the invocation succeeds,
 * and so the waits it must record: a server's {@code Retry-After} exactly, otherwise a random wait
 * below a bound that doubles at each retry (200 ms, 400 ms, 800 ms). In every scenario each finding
 * Id is accepted by Security Hub at most once, and exactly once when the invocation succeeds (the
 * same Ids as without faults).
 */
class SecurityHubFaultsTest {
  static final Duration READ_TIMEOUT = Duration.ofMillis(400);
  static final Duration BASE = Duration.ofMillis(200);
  static final int ATTEMPTS = 4;

  /** One answer of the scenario, and the wait it asks for (null: the policy's own). */
  record Answer(String label, Supplier<ResponseDefinitionBuilder> response, Duration retryAfter) {
    @Override
    public String toString() {
      return label;
    }
  }

  /**
   * @param operation {@code import} or {@code query}
   * @param answers in turn; the last one is repeated (for {@code query}, the last is the store's
   *     own answer when {@code thenStore})
   * @param calls the calls of the operation the function makes
   */
  record Scenario(
      String name,
      String operation,
      List<Answer> answers,
      boolean thenStore,
      int calls,
      boolean succeeds) {
    @Override
    public String toString() {
      return name;
    }
  }

  // ---- the answers ----

  static Answer ok() {
    return new Answer(
        "200",
        () ->
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody(AwsTestbed.resource("securityhub/batch-import-findings.ok.json")),
        null);
  }

  static Answer throttled(Integer retryAfterSeconds) {
    return new Answer(
        "429" + (retryAfterSeconds == null ? "" : " Retry-After " + retryAfterSeconds),
        () -> {
          ResponseDefinitionBuilder r =
              aResponse()
                  .withStatus(429)
                  .withHeader("Content-Type", "application/json")
                  .withHeader(
                      "x-amzn-ErrorType",
                      "TooManyRequestsException:http://internal.amazon.com/coral/com.amazonaws.securityhub.v20181026/")
                  .withBody("{\"Message\":\"Rate exceeded\"}");
          return retryAfterSeconds == null
              ? r
              : r.withHeader("Retry-After", retryAfterSeconds.toString());
        },
        retryAfterSeconds == null ? null : Duration.ofSeconds(retryAfterSeconds));
  }

  static Answer limitExceeded() {
    return new Answer(
        "400 LimitExceededException",
        () ->
            aResponse()
                .withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-amzn-ErrorType", "LimitExceededException")
                .withBody("{\"Message\":\"Rate exceeded\"}"),
        null);
  }

  static Answer status(int status) {
    return new Answer(
        Integer.toString(status),
        () ->
            aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "text/html")
                .withBody("<html><body>" + status + "</body></html>"),
        null);
  }

  static Answer readTimeout() {
    return new Answer(
        "read timeout",
        () ->
            aResponse()
                .withStatus(200)
                .withFixedDelay((int) READ_TIMEOUT.toMillis() * 3)
                .withBody(AwsTestbed.resource("securityhub/batch-import-findings.ok.json")),
        null);
  }

  static Answer reset() {
    return new Answer(
        "connection reset", () -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), null);
  }

  static Answer empty() {
    return new Answer("200 empty", () -> aResponse().withStatus(200), null);
  }

  static Answer garbled() {
    return new Answer(
        "200 garbled",
        () ->
            aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"FailedCount\":0,\"Succ"),
        null);
  }

  /** A 200 whose {@code FailedFindings} holds orders-prod's Arc finding with this error. */
  static Answer failedFinding(String code) {
    return new Answer(
        "FailedFindings " + code,
        () -> {
          try {
            return SecurityHubDeliveryTest.failedArcFinding(null, code, "failed");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        },
        null);
  }

  static Scenario imports(String name, int calls, boolean succeeds, Answer... answers) {
    return new Scenario(name, "import", List.of(answers), false, calls, succeeds);
  }

  static Scenario queries(String name, int calls, boolean succeeds, Answer... answers) {
    return new Scenario(name, "query", List.of(answers), succeeds, calls, succeeds);
  }

  static Stream<Scenario> scenarios() {
    return Stream.of(
        imports("429 with Retry-After, then 200", 2, true, throttled(2), ok()),
        imports("429 without Retry-After, then 200", 2, true, throttled(null), ok()),
        imports("LimitExceededException, then 200", 2, true, limitExceeded(), ok()),
        imports("500, then 200", 2, true, status(500), ok()),
        imports("502, then 200", 2, true, status(502), ok()),
        imports("503, 503, then 200", 3, true, status(503), status(503), ok()),
        imports("read timeout, then 200", 2, true, readTimeout(), ok()),
        imports("connection reset, then 200", 2, true, reset(), ok()),
        imports("empty 200, then 200", 2, true, empty(), ok()),
        imports("garbled 200, then 200", 2, true, garbled(), ok()),
        imports("429 with Retry-After always", ATTEMPTS, false, throttled(3)),
        imports("503 always", ATTEMPTS, false, status(503)),
        imports("read timeout always", ATTEMPTS, false, readTimeout()),
        imports("connection reset always", ATTEMPTS, false, reset()),
        imports("garbled 200 always", ATTEMPTS, false, garbled()),
        imports("400 InvalidInput is not retried", 1, false, status(400)),
        imports(
            "FailedFindings retryable, then accepted",
            2,
            true,
            failedFinding("InternalFailure"),
            ok()),
        imports(
            "FailedFindings throttled twice, then accepted",
            3,
            true,
            failedFinding("ThrottlingException"),
            failedFinding("ThrottlingException"),
            ok()),
        imports(
            "FailedFindings retryable always", ATTEMPTS, false, failedFinding("InternalFailure")),
        imports(
            "FailedFindings InvalidInput is not retried", 1, false, failedFinding("InvalidInput")),
        imports(
            "FailedFindings InvalidAccess is not retried",
            1,
            false,
            failedFinding("InvalidAccess")),
        queries("GetFindings 429, then the store", 0, true, throttled(1)),
        queries("GetFindings 503 and reset, then the store", 0, true, status(503), reset()),
        queries("GetFindings read timeout, then the store", 0, true, readTimeout()),
        queries("GetFindings garbled, then the store", 0, true, garbled()),
        queries("GetFindings 503 always", ATTEMPTS, false, status(503)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void boundedRetriesWithBackoffAndNoFindingLostOrDoubled(Scenario s) throws Exception {
    String sample =
        s.operation().equals("import") ? "config-eks-cluster" : "config-eks-cluster-deleted";
    Map<String, Integer> baseline;
    int baselineQueries;
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.onEventBridge(AwsTestbed.sample(sample));
      baseline = acceptedIds(aws);
      baselineQueries = aws.requests("/findings").size();
    }
    assertThat(baseline).isNotEmpty().allSatisfy((id, n) -> assertThat(n).isEqualTo(1));

    try (AwsTestbed aws = new AwsTestbed()) {
      aws.readTimeout(READ_TIMEOUT);
      List<ResponseDefinitionBuilder> answers = new ArrayList<>();
      s.answers().forEach(a -> answers.add(a.response().get()));
      Supplier<MappingBuilder> request =
          s.operation().equals("import")
              ? AwsTestbed::securityHubImport
              : AwsTestbed::securityHubQuery;
      if (s.thenStore()) {
        // The faults, then the default stubs (the store's answers) again.
        for (int i = 0; i < answers.size(); i++) {
          aws.overrideInScenario(
              request.get(),
              "faults",
              i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "fault-" + i,
              answers.get(i),
              "fault-" + (i + 1));
        }
      } else {
        aws.sequence(request, "faults", answers);
      }

      if (s.succeeds()) {
        JsonNode answer = aws.onEventBridge(AwsTestbed.sample(sample));
        assertThat(answer.path("outcome").asText()).isEqualTo("processed");
      } else {
        assertThatThrownBy(() -> aws.onEventBridge(AwsTestbed.sample(sample)))
            .isInstanceOf(SinkException.class)
            .hasMessageContaining("Security Hub");
        assertThat(aws.logLines)
            .anySatisfy(
                l -> assertThat(l).contains("\"level\":\"ERROR\"").contains("will be retried"));
      }

      // Bounded attempts, exactly.
      if (s.operation().equals("import")) {
        assertThat(aws.requests("/findings/import")).hasSize(s.calls());
      } else if (s.succeeds()) {
        assertThat(aws.requests("/findings")).hasSize(baselineQueries + s.answers().size());
      } else {
        assertThat(aws.requests("/findings")).hasSize(s.calls());
        assertThat(aws.requests("/findings/import")).isEmpty();
      }

      // The waits: Retry-After exactly, else a random wait under a bound that doubles.
      int retries = s.succeeds() ? s.answers().size() - (s.thenStore() ? 0 : 1) : s.calls() - 1;
      assertThat(aws.sleeps).hasSize(retries);
      boolean allAtBound = true;
      for (int i = 0; i < retries; i++) {
        Answer before = s.answers().get(Math.min(i, s.answers().size() - 1));
        Duration wait = aws.sleeps.get(i);
        if (before.retryAfter() != null) {
          assertThat(wait).as("wait %d", i + 1).isEqualTo(before.retryAfter());
          continue;
        }
        Duration bound = BASE.multipliedBy(1L << i);
        assertThat(wait).as("wait %d", i + 1).isBetween(Duration.ZERO, bound);
        allAtBound &= wait.equals(bound);
      }
      if (retries >= 3 && s.answers().get(0).retryAfter() == null) {
        assertThat(allAtBound).as("the waits are jittered").isFalse();
      }

      // No finding lost or written twice.
      Map<String, Integer> accepted = acceptedIds(aws);
      assertThat(accepted).allSatisfy((id, n) -> assertThat(n).as(id).isEqualTo(1));
      if (s.succeeds()) {
        assertThat(accepted).isEqualTo(baseline);
      } else {
        assertThat(baseline.keySet()).containsAll(accepted.keySet());
      }
    }
  }

  /**
   * The finding Ids Security Hub accepted, with how many times: those of the imports it answered
   * with a complete 2xx answer (no fault, no answer after the client gave up), less its {@code
   * FailedFindings}.
   */
  static Map<String, Integer> acceptedIds(AwsTestbed aws) {
    Map<String, Integer> out = new HashMap<>();
    for (ServeEvent e : aws.requests("/findings/import")) {
      var definition = e.getResponseDefinition();
      if (definition.getFault() != null
          || (definition.getFixedDelayMilliseconds() != null
              && definition.getFixedDelayMilliseconds() >= READ_TIMEOUT.toMillis())
          || e.getResponse().getStatus() / 100 != 2) {
        continue;
      }
      JsonNode response;
      try {
        response = AwsTestbed.JSON.readTree(e.getResponse().getBodyAsString());
      } catch (Exception notJson) {
        continue;
      }
      if (response == null || !response.has("SuccessCount")) {
        continue;
      }
      Set<String> failed = new HashSet<>();
      response.path("FailedFindings").forEach(f -> failed.add(f.path("Id").asText()));
      for (JsonNode f : AwsTestbed.readJson(e.getRequest().getBodyAsString()).path("Findings")) {
        String id = f.path("Id").asText();
        if (!failed.contains(id)) {
          out.merge(id, 1, Integer::sum);
        }
      }
    }
    return out;
  }
}
