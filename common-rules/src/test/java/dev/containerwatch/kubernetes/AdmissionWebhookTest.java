package dev.containerwatch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.admission.AdmissionController;
import dev.containerwatch.kubernetes.admission.AdmissionWebhook;
import dev.containerwatch.kubernetes.admission.AdmissionWebhook.Outcome;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.Golden;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The webhook's envelope around {@link AdmissionController}: size limit, rejections, the time
 * budget and the failure policy. A review past its budget is simulated by a rule that blocks until
 * the test ends; the budget is the smallest allowed (100 ms), and nothing here asserts a duration.
 */
class AdmissionWebhookTest {
  private static final Path REQUESTS = Path.of("src/test/resources/kubernetes/admission");
  private static final Path DIR = Path.of("src/test/resources/kubernetes/admission-webhook");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConfigurationLoader LOADER =
      new ConfigurationLoader(Catalog.bundled(), Rules.all());
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
  private static final String CLUSTER = "aks-shop-prod";

  /** Released when the test ends, so that blocked reviews finish. */
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseBlockedReviews() {
    release.countDown();
  }

  private static byte[] request(String name) throws IOException {
    return Files.readAllBytes(REQUESTS.resolve(name + ".request.json"));
  }

  private static AdmissionWebhook webhook(Configuration c, List<Rule> rules) {
    return new AdmissionWebhook(new RuleEngine(rules, c), c, CLOCK);
  }

  /** Every rule, plus one that never finishes in time on Kubernetes objects. */
  private AdmissionWebhook blocked(String config) {
    List<Rule> rules = new ArrayList<>(Rules.all());
    rules.add(new BlockingRule(release));
    Configuration c = new ConfigurationLoader(Catalog.bundled(), rules).load(DIR.resolve(config));
    return webhook(c, rules);
  }

  @Test
  void aReviewInTimeIsTheControllersAnswer() throws IOException {
    Configuration c = LOADER.defaults();
    AdmissionWebhook.Answer answer =
        webhook(c, Rules.all()).answer(request("create-privileged-pod"), CLUSTER);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.outcome()).isEqualTo(Outcome.REVIEWED);
    assertThat(answer.error()).isNull();
    assertThat(answer.request().path("uid").asText()).isNotEmpty();
    JsonNode direct =
        new AdmissionController(new RuleEngine(Rules.all(), c), c, CLUSTER, CLOCK)
            .review(JSON.readTree(request("create-privileged-pod")));
    assertThat(answer.response()).isEqualTo(direct);
  }

  @Test
  void aReviewPastItsBudgetFailsOpenWithAWarning() throws IOException {
    AdmissionWebhook.Answer answer =
        blocked("budget-fail-open.config.yaml").answer(request("create-privileged-pod"), CLUSTER);

    assertThat(answer.status()).isEqualTo(200);
    assertThat(answer.outcome()).isEqualTo(Outcome.FAILED_OPEN);
    assertThat(answer.allowed()).isTrue();
    assertThat(answer.error()).isEqualTo("the review did not finish within 100 ms");
    Golden.assertMatches(DIR.resolve("budget-fail-open.response.json"), answer.response());
  }

  @Test
  void failurePolicyFailDeniesWhenARuleEnforces() throws IOException {
    AdmissionWebhook.Answer answer =
        blocked("budget-fail-closed.config.yaml").answer(request("create-privileged-pod"), CLUSTER);

    assertThat(answer.outcome()).isEqualTo(Outcome.FAILED_CLOSED);
    assertThat(answer.allowed()).isFalse();
    Golden.assertMatches(DIR.resolve("budget-fail-closed.response.json"), answer.response());
  }

  @Test
  void failurePolicyFailStillAllowsWhenNoRuleDenies() throws IOException {
    AdmissionWebhook.Answer answer =
        blocked("budget-fail-closed-audit-only.config.yaml")
            .answer(request("create-privileged-pod"), CLUSTER);

    assertThat(answer.outcome()).isEqualTo(Outcome.FAILED_OPEN);
    assertThat(answer.allowed()).isTrue();
  }

  @Test
  void workWithinTheBudgetGivesItsResultAndLateWorkIsLeftBehind() throws IOException {
    AdmissionWebhook.Answer answer =
        webhook(LOADER.defaults(), Rules.all()).answer(request("create-privileged-pod"), CLUSTER);
    assertThat(answer.within(() -> "recorded")).contains("recorded");

    AdmissionWebhook.Answer late =
        blocked("budget-fail-open.config.yaml").answer(request("create-privileged-pod"), CLUSTER);
    // The blocked review used the whole budget: nothing is left for more work.
    assertThat(late.deadline().remaining()).isZero();
    Optional<String> recorded =
        late.within(
            () -> {
              release.await();
              return "recorded";
            });
    assertThat(recorded).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "empty body, '', 400, AdmissionReview: the body is empty",
    "not JSON, 'apiVersion: v1', 400, AdmissionReview: body is not valid JSON",
    "not a review, '{\"kind\":\"Pod\"}', 400, expected apiVersion admission.k8s.io/v1",
    "no uid, '{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}',"
        + " 400, request.uid is missing",
  })
  void badBodiesAreRejectedWithTheReason(String what, String body, int status, String error) {
    AdmissionWebhook.Answer answer =
        webhook(LOADER.defaults(), Rules.all())
            .answer(body.getBytes(StandardCharsets.UTF_8), CLUSTER);

    assertThat(answer.status()).isEqualTo(status);
    assertThat(answer.outcome()).isEqualTo(Outcome.REJECTED);
    assertThat(answer.response()).isNull();
    assertThat(answer.error()).contains(error).doesNotContain("\n");
  }

  @Test
  void aBodyOverTheLimitIsRefusedBeforeItIsParsed() {
    byte[] body = new byte[AdmissionWebhook.MAX_REQUEST_BYTES + 1];
    Arrays.fill(body, (byte) '[');

    AdmissionWebhook.Answer answer = webhook(LOADER.defaults(), Rules.all()).answer(body, CLUSTER);

    assertThat(answer.status()).isEqualTo(413);
    assertThat(answer.error()).contains("over the limit of 7340032 bytes");
  }

  @Test
  void nestingTenThousandDeepIsRejectedCleanly() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);

    AdmissionWebhook.Answer answer =
        webhook(LOADER.defaults(), Rules.all())
            .answer(deep.getBytes(StandardCharsets.UTF_8), CLUSTER);

    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.error()).startsWith("AdmissionReview: body is not valid JSON");
  }

  /** A rule on every Kubernetes object that waits until the test releases it. */
  private record BlockingRule(CountDownLatch release) implements Rule {
    @Override
    public String id() {
      return "test.blocking";
    }

    @Override
    public ResourceType resourceType() {
      return ResourceType.KUBERNETES_OBJECT;
    }

    @Override
    public List<Verdict> evaluate(Snapshot snapshot, dev.containerwatch.config.RuleParameters p) {
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.of(Verdict.passed("released"));
    }
  }
}
