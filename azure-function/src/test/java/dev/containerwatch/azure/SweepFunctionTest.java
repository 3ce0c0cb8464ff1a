package dev.containerwatch.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.RecordingSleeper;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import dev.containerwatch.pipeline.SinkException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SweepFunctionTest {
  private static final String OTHER = "2f9b6c41-0d7e-4a53-8b19-e6c4a2d8f071";
  @RegisterExtension static final FakeAzure azure = new FakeAzure();

  @Test
  void aSubscriptionThatCannotBeListedFailsTheSweepAfterTheOthersAndKeepsItsAssessments() {
    Map<String, String> env = new HashMap<>(TestApps.env(azure));
    env.put("CONTAINERWATCH_SUBSCRIPTIONS", OTHER + "," + TestApps.SUBSCRIPTION);
    azure.always(
        "GET",
        "/subscriptions/" + OTHER + "/providers/.*",
        403,
        "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"does not have authorization to perform action 'Microsoft.ContainerService/managedClusters/read'\"}}");
    TestContext context = new TestContext("sweep");

    assertThatThrownBy(
            () ->
                new SweepFunction(() -> TestApps.app(env, new RecordingSleeper())).handle(context))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("sweep failed in 1 subscription(s): " + OTHER);
    assertThat(context.lines("subscription-failed")).hasSize(1);
    // the readable subscription was swept, stale assessments included
    assertThat(azure.count("DELETE", "aks-legacy-dev")).isEqualTo(2);
    assertThat(
            azure.count(
                "GET", "/subscriptions/" + OTHER + "/providers/Microsoft.Security/assessments"))
        .isZero();
  }

  @Test
  void withoutSubscriptionsTheSweepSaysSoAndDoesNothing() {
    Map<String, String> env = new HashMap<>(TestApps.env(azure));
    env.remove("CONTAINERWATCH_SUBSCRIPTIONS");
    TestContext context = new TestContext("sweep");

    new SweepFunction(() -> TestApps.app(env, new RecordingSleeper())).handle(context);

    assertThat(context.lines("sweep-skipped")).hasSize(1);
    assertThat(azure.requests()).isEmpty();
  }
}
