package dev.containerwatch.azure.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.azure.AzureApp;
import dev.containerwatch.azure.EventGridFunction;
import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.FaultScenario;
import dev.containerwatch.azure.testing.FaultStep;
import dev.containerwatch.azure.testing.RecordingSleeper;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault injection into the Defender assessments sink's writes, through the Event Grid function: the
 * metadata PUT and the assessment PUT of one rule of an AKS write event, and the assessment DELETE
 * of one rule of an AKS delete event. Besides the attempts and waits of each row: the invocation
 * fails exactly when that write finally failed, every other assessment is still written (or
 * deleted) exactly once, and the faulted one is written once when the fault was transient.
 */
class DefenderAssessmentSinkFaultTest {
  @RegisterExtension static final FakeAzure azure = new FakeAzure();
  private static final String AKS_WRITE =
      Samples.read(Samples.ROOT.resolve("eventgrid/aks-write-eventgrid.json"));
  private static final String AKS_DELETE =
      Samples.read(Samples.ROOT.resolve("eventgrid/aks-delete-eventgrid.json"));
  private static final String DELETED_CLUSTER =
      "/subscriptions/"
          + TestApps.SUBSCRIPTION
          + "/resourceGroups/rg-payments-dev/providers/Microsoft.ContainerService/managedClusters/aks-legacy-dev";

  static Stream<FaultScenario> writes() {
    List<FaultScenario> rows =
        new ArrayList<>(FaultScenario.transientAndLasting(TestApps.RETRY_POLICY));
    rows.add(FaultScenario.notRetried("400 InvalidAssessmentStatus", FaultStep.status(400)));
    // The status says it was stored; an unreadable echo does not make it written twice.
    rows.add(FaultScenario.harmless("garbled 200 body", FaultStep.garbled()));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writes")
  void metadataPut(FaultScenario scenario) {
    String metadata =
        "(?i)" + Pattern.quote(AssessmentNames.metadataPath(TestApps.SUBSCRIPTION, "aks.rbac"));
    runWrite(scenario, "PUT", metadata, AKS_WRITE);
    // Without its metadata the rule's assessment is not written: Defender would refuse it.
    assertThat(succeeded("PUT", TestApps.AKS, "aks.rbac")).isEqualTo(scenario.succeeds() ? 1 : 0);
    assertEveryOtherWrittenOnce("PUT", TestApps.AKS, 5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writes")
  void assessmentPut(FaultScenario scenario) {
    String target = assessment(TestApps.AKS, "aks.rbac");
    runWrite(scenario, "PUT", target, AKS_WRITE);
    assertThat(azure.served("PUT", target).succeeded()).isEqualTo(scenario.succeeds() ? 1 : 0);
    assertEveryOtherWrittenOnce("PUT", TestApps.AKS, 5);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writes")
  void assessmentDelete(FaultScenario scenario) {
    String target = assessment(DELETED_CLUSTER, "aks.rbac");
    runWrite(scenario, "DELETE", target, AKS_DELETE);
    assertThat(azure.served("DELETE", target).succeeded()).isEqualTo(scenario.succeeds() ? 1 : 0);
    assertEveryOtherWrittenOnce("DELETE", DELETED_CLUSTER, 24);
  }

  private void runWrite(FaultScenario scenario, String method, String target, String event) {
    RecordingSleeper sleeper = new RecordingSleeper();
    AzureApp app = TestApps.app(TestApps.env(azure), sleeper);
    EventGridFunction function = new EventGridFunction(() -> app);

    scenario.check(
        azure,
        method,
        target,
        TestApps.RETRY_POLICY,
        sleeper,
        () -> function.handle(event, new TestContext("eventgrid")));
  }

  private static String assessment(String scope, String ruleId) {
    return "(?i)" + Pattern.quote(AssessmentNames.assessmentPath(scope, ruleId));
  }

  private static long succeeded(String method, String scope, String ruleId) {
    return azure.served(method, assessment(scope, ruleId)).succeeded();
  }

  /** Each assessment of the scope other than aks.rbac's: one request, answered 2xx. */
  private static void assertEveryOtherWrittenOnce(String method, String scope, int assessments) {
    String rbac = AssessmentNames.of("aks.rbac");
    String others =
        "(?i)"
            + Pattern.quote(scope)
            + "/providers/Microsoft\\.Security/assessments/(?!"
            + rbac
            + ")[0-9a-f-]{36}";
    FakeAzure.Served served = azure.served(method, others);
    assertThat(served.received())
        .as(method + " of the other assessments")
        .isEqualTo(assessments - 1);
    assertThat(served.succeeded()).isEqualTo(assessments - 1);
  }
}
