package dev.containerwatch.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.azure.handlers.Outcome;
import dev.containerwatch.azure.sinks.AssessmentNames;
import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.FaultStep;
import dev.containerwatch.azure.testing.RecordingSleeper;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.pipeline.SinkException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Throttling, server errors, failed writes and missing evidence, through the function classes. */
class ResilienceTest {
  private static final String AKS_WRITE =
      Samples.read(Samples.ROOT.resolve("eventgrid/aks-write-eventgrid.json"));
  @RegisterExtension static final FakeAzure azure = new FakeAzure();

  private static String assessmentPath(String ruleId) {
    return "(?i)" + Pattern.quote(AssessmentNames.assessmentPath(TestApps.AKS, ruleId));
  }

  @Test
  void throttledAssessmentWriteWaitsRetryAfterAndIsRetried() {
    azure.failFirst("PUT", assessmentPath("aks.rbac"), 1, 429, "7");
    RecordingSleeper sleeper = new RecordingSleeper();
    AzureApp app = TestApps.app(TestApps.env(azure), sleeper);

    Outcome outcome =
        new EventGridFunction(() -> app).handle(AKS_WRITE, new TestContext("eventgrid"));

    assertThat(outcome.findings()).hasSize(5);
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(7));
    assertThat(azure.count("PUT", "/assessments/" + AssessmentNames.of("aks.rbac"))).isEqualTo(2);
  }

  @Test
  void serverErrorsOnArmReadsAreRetriedWithBoundedBackoff() {
    azure.failFirst("GET", "(?i)" + Pattern.quote(TestApps.AKS), 2, 503, null);
    RecordingSleeper sleeper = new RecordingSleeper();
    AzureApp app = TestApps.app(TestApps.env(azure), sleeper);

    Outcome outcome =
        new EventGridFunction(() -> app).handle(AKS_WRITE, new TestContext("eventgrid"));

    assertThat(outcome.findings()).extracting(Finding::ruleId).contains("aks.rbac");
    assertThat(sleeper.waits()).hasSize(2);
    // full jitter: the n-th wait is at most base * 2^(n-1)
    assertThat(sleeper.waits().get(0)).isLessThanOrEqualTo(Duration.ofMillis(200));
    assertThat(sleeper.waits().get(1)).isLessThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void aWriteThatKeepsFailingFailsTheInvocationSoEventGridRetries() {
    azure.always(
        "PUT",
        assessmentPath("aks.rbac"),
        500,
        "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Encountered internal server error.\"}}");
    RecordingSleeper sleeper = new RecordingSleeper();
    AzureApp app = TestApps.app(TestApps.env(azure), sleeper);
    TestContext context = new TestContext("eventgrid");

    assertThatThrownBy(() -> new EventGridFunction(() -> app).handle(AKS_WRITE, context))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("defender")
        .hasMessageContaining("1 of 5 assessment writes failed")
        .hasMessageContaining("failed after 4 attempts");
    assertThat(sleeper.waits()).hasSize(3);
    assertThat(context.lines("failed")).hasSize(1);
    assertThat(context.lines("failed").get(0).path("level").asText()).isEqualTo("error");
    // the other assessments were written before the invocation failed
    assertThat(azure.count("PUT", "/assessments/" + AssessmentNames.of("aks.azure-policy-addon")))
        .isEqualTo(1);
  }

  @Test
  void aRejectedWriteIsNotRetriedAndTheOthersAreStillWritten() {
    azure.always(
        "PUT",
        assessmentPath("aks.diagnostic-logs"),
        400,
        "{\"error\":{\"code\":\"InvalidAssessmentStatus\",\"message\":\"Assessment status description is too long.\"}}");
    RecordingSleeper sleeper = new RecordingSleeper();
    AzureApp app = TestApps.app(TestApps.env(azure), sleeper);

    assertThatThrownBy(
            () -> new EventGridFunction(() -> app).handle(AKS_WRITE, new TestContext("eventgrid")))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("HTTP 400 InvalidAssessmentStatus");
    assertThat(sleeper.waits()).isEmpty();
    assertThat(azure.count("PUT", "/providers/Microsoft.Security/assessments/")).isEqualTo(5);
  }

  @Test
  void assessmentMetadataIsWrittenOncePerContainer() {
    AzureApp app = TestApps.app(azure);
    EventGridFunction function = new EventGridFunction(() -> app);

    function.handle(AKS_WRITE, new TestContext("eventgrid"));
    function.handle(AKS_WRITE, new TestContext("eventgrid"));

    assertThat(azure.count("PUT", "/assessmentMetadata/" + AssessmentNames.of("aks.rbac")))
        .isEqualTo(1);
    assertThat(azure.count("PUT", "/assessments/" + AssessmentNames.of("aks.rbac"))).isEqualTo(2);
  }

  @Test
  void evidenceTheFunctionMayNotReadLeavesItsRuleUnknownAndUnwritten() {
    azure.always(
        "GET",
        "(?i)" + Pattern.quote(TestApps.AKS + "/providers/Microsoft.Insights/diagnosticSettings"),
        403,
        "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client does not have authorization to perform action 'Microsoft.Insights/diagnosticSettings/read'.\"}}");
    AzureApp app = TestApps.app(azure);
    TestContext context = new TestContext("eventgrid");

    Outcome outcome = new EventGridFunction(() -> app).handle(AKS_WRITE, context);

    assertThat(outcome.findings())
        .filteredOn(f -> f.ruleId().equals("aks.diagnostic-logs"))
        .extracting(Finding::status)
        .containsExactly(Status.UNKNOWN);
    assertThat(azure.count("PUT", "/assessments/" + AssessmentNames.of("aks.diagnostic-logs")))
        .isZero();
    assertThat(azure.count("PUT", "/assessments/" + AssessmentNames.of("aks.rbac"))).isEqualTo(1);
    assertThat(context.lines("evidence-missing")).hasSize(1);
    assertThat(context.lines("evidence-missing").get(0).path("reason").asText())
        .contains("AuthorizationFailed");
  }

  @Test
  void aWriteEventReadAfterTheResourceWasDeletedResolvesItsFindings() {
    String legacy =
        "/subscriptions/"
            + TestApps.SUBSCRIPTION
            + "/resourceGroups/rg-payments-dev/providers/Microsoft.ContainerService/managedClusters/aks-legacy-dev";
    String event = AKS_WRITE.replace(TestApps.AKS, legacy);
    AzureApp app = TestApps.app(azure);

    Outcome outcome = new EventGridFunction(() -> app).handle(event, new TestContext("eventgrid"));

    assertThat(outcome.findings()).isEmpty();
    assertThat(outcome.resolved()).containsExactly(legacy);
    assertThat(azure.count("DELETE", "aks-legacy-dev/providers/Microsoft.Security/assessments/"))
        .isEqualTo(24);
  }

  @Test
  void oneTransientFaultOnEveryKindOfRequestStillWritesEachAssessmentOnce() {
    String evidence = TestApps.AKS + "/providers/Microsoft.Insights/diagnosticSettings";
    azure.inject(
        "GET", "(?i)" + Pattern.quote(TestApps.AKS), List.of(FaultStep.connectionReset()), false);
    azure.inject(
        "GET", "(?i)" + Pattern.quote(evidence), List.of(FaultStep.throttled(null)), false);
    azure.inject(
        "PUT",
        "(?i)" + Pattern.quote(AssessmentNames.metadataPath(TestApps.SUBSCRIPTION, "aks.rbac")),
        List.of(FaultStep.status(502)),
        false);
    azure.inject("PUT", assessmentPath("aks.rbac"), List.of(FaultStep.slow()), false);
    RecordingSleeper sleeper = new RecordingSleeper();
    AzureApp app = TestApps.app(TestApps.env(azure), sleeper);

    Outcome outcome =
        new EventGridFunction(() -> app).handle(AKS_WRITE, new TestContext("eventgrid"));

    assertThat(outcome.findings()).hasSize(5);
    assertThat(sleeper.waits()).hasSize(4);
    assertThat(azure.awaitServed("PUT", assessmentPath("aks.rbac"), 2).received()).isEqualTo(2);
    FakeAzure.Served assessments =
        azure.served(
            "PUT",
            "(?i)"
                + Pattern.quote(TestApps.AKS)
                + "/providers/Microsoft\\.Security/assessments/.*");
    // five assessments, each stored once; the one whose answer came too late was sent twice with
    // the same body (a PUT is idempotent)
    assertThat(assessments.succeeded()).isEqualTo(5);
    assertThat(assessments.received()).isEqualTo(6);
  }

  @Test
  void tokensAndEventBodiesAreNeverLogged() {
    AzureApp app = TestApps.app(azure);
    TestContext context = new TestContext("eventgrid");

    new EventGridFunction(() -> app).handle(AKS_WRITE, context);

    assertThat(context.text()).doesNotContain(FakeAzure.ARM_TOKEN).doesNotContain("claims");
    assertThat(context.lines()).isNotEmpty();
  }
}
