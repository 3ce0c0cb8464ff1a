package dev.containerwatch.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.azure.sinks.AssessmentNames;
import dev.containerwatch.azure.testing.AssessmentStore;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import dev.containerwatch.pipeline.RetryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Idempotency and ordering of the Defender assessments, on a store that keeps what is written
 * ({@link AssessmentStore}): the same event twice writes once, an older event delivered after a
 * newer one leaves the newer state, and a late write event after a delete does not bring the
 * deleted resource's assessments back. Newer events are the samples' fixtures under {@code
 * src/test/resources/ordering/}: the same resource an hour later, with one setting changed.
 */
class OrderingTest {
  private static final Path ORDERING = Path.of("src", "test", "resources", "ordering");
  private static final String ARN_AKS =
      Samples.read(Samples.ROOT.resolve("eventgrid/arn-aks-created-or-updated-eventgrid.json"));
  private static final String ARN_AKS_NEWER =
      Samples.read(ORDERING.resolve("arn-aks-rbac-disabled-an-hour-later.json"));
  private static final String AKS_WRITE =
      Samples.read(Samples.ROOT.resolve("eventgrid/aks-write-eventgrid.json"));
  private static final String AKS_DELETE =
      Samples.read(Samples.ROOT.resolve("eventgrid/aks-delete-eventgrid.json"));

  private AssessmentStore store;
  private AzureApp app;

  @BeforeEach
  void setUp() {
    store = new AssessmentStore();
    Map<String, String> env = new HashMap<>();
    env.put("CONTAINERWATCH_SUBSCRIPTIONS", TestApps.SUBSCRIPTION);
    app =
        AzureApp.create(
            env,
            new AzureApp.Overrides(
                null,
                null,
                null,
                Clock.fixed(TestApps.NOW, ZoneOffset.UTC),
                RetryPolicy.defaults(),
                d -> {},
                List.of(),
                store));
  }

  private void eventGrid(String body) {
    new EventGridFunction(() -> app).handle(body, new TestContext("eventgrid"));
  }

  private String rbac(String clusterId) {
    return store
        .assessment(clusterId, AssessmentNames.of("aks.rbac"))
        .map(a -> a.path("properties").path("status").path("code").asText())
        .orElse("absent");
  }

  @Test
  void theSameNotificationTwiceWritesEachAssessmentOnce() {
    eventGrid(ARN_AKS);
    Map<String, JsonNode> afterFirst = store.assessments();
    eventGrid(ARN_AKS);

    assertThat(afterFirst).isNotEmpty();
    assertThat(store.assessments()).isEqualTo(afterFirst);
    assertThat(store.writes().values()).containsOnly(1);
  }

  @Test
  void anOlderNotificationDeliveredAfterANewerOneLeavesTheNewerState() {
    eventGrid(ARN_AKS_NEWER);
    Map<String, JsonNode> newer = store.assessments();
    eventGrid(ARN_AKS);

    assertThat(rbac(TestApps.AKS)).isEqualTo("Unhealthy");
    assertThat(store.assessments()).isEqualTo(newer);
  }

  @Test
  void aNewerNotificationReplacesTheOlderState() {
    eventGrid(ARN_AKS);
    assertThat(rbac(TestApps.AKS)).isEqualTo("Healthy");
    eventGrid(ARN_AKS_NEWER);

    assertThat(rbac(TestApps.AKS)).isEqualTo("Unhealthy");
  }

  @Test
  void aWriteEventDeliveredLateAfterTheDeleteDoesNotBringTheAssessmentsBack() {
    String legacy =
        "/subscriptions/"
            + TestApps.SUBSCRIPTION
            + "/resourceGroups/rg-payments-dev/providers/Microsoft.ContainerService/managedClusters/aks-legacy-dev";
    // the cluster as a notification carried it at 09:58; deleted at 10:20
    eventGrid(
        ARN_AKS
            .replace(TestApps.AKS, legacy)
            .replace("2026-11-29T12:31:06.8841092Z", "2026-11-29T09:58:06.8841092Z"));
    assertThat(rbac(legacy)).isEqualTo("Healthy");
    eventGrid(AKS_DELETE);
    assertThat(rbac(legacy)).isEqualTo("absent");

    // its write event of 10:02, delivered after the delete: ARM no longer has it
    eventGrid(AKS_WRITE.replace(TestApps.AKS, legacy));

    assertThat(store.assessments().keySet()).noneMatch(k -> k.contains("aks-legacy-dev"));
  }

  @Test
  void anOlderAuditBatchAfterANewerOneLeavesTheClustersSharedAssessmentAsTheNewerLeftIt()
      throws Exception {
    AksAuditLogFunction function = new AksAuditLogFunction(() -> app);
    String privileged = AssessmentNames.of("k8s.no-privileged-containers");

    function.handle(
        Samples.messages(
            ORDERING.resolve("kube-audit-debug-shell-unprivileged-an-hour-later.json")),
        new TestContext("aks-audit"));
    JsonNode newer = store.assessment(TestApps.AKS, privileged).orElseThrow();
    function.handle(
        Samples.messages(Samples.ROOT.resolve("eventhub/kube-audit-batch.json")),
        new TestContext("aks-audit"));

    JsonNode after = store.assessment(TestApps.AKS, privileged).orElseThrow();
    // the older batch has debug-shell privileged: applied, it would have made this Unhealthy
    assertThat(after).isEqualTo(newer);
    assertThat(after.path("properties").path("status").path("code").asText()).isEqualTo("Healthy");
    assertThat(after.path("properties").path("additionalData").properties())
        .extracting(Map.Entry::getKey)
        .noneMatch(k -> k.startsWith("object:") && k.contains("debug-shell"))
        .anyMatch(k -> k.startsWith("at:object:") && k.contains("debug-shell"));
  }

  @Test
  void theOlderAuditBatchAloneWouldHaveMadeItUnhealthy() throws Exception {
    new AksAuditLogFunction(() -> app)
        .handle(
            Samples.messages(Samples.ROOT.resolve("eventhub/kube-audit-batch.json")),
            new TestContext("aks-audit"));

    assertThat(
            store
                .assessment(TestApps.AKS, AssessmentNames.of("k8s.no-privileged-containers"))
                .orElseThrow()
                .path("properties")
                .path("status")
                .path("code")
                .asText())
        .isEqualTo("Unhealthy");
  }

  @Test
  void theSameAuditBatchTwiceWritesTheSharedAssessmentsOnce() throws Exception {
    AksAuditLogFunction function = new AksAuditLogFunction(() -> app);
    List<String> batch = Samples.messages(Samples.ROOT.resolve("eventhub/kube-audit-batch.json"));

    function.handle(batch, new TestContext("aks-audit"));
    Map<String, JsonNode> afterFirst = store.assessments();
    function.handle(batch, new TestContext("aks-audit"));

    assertThat(afterFirst).isNotEmpty();
    assertThat(store.assessments()).isEqualTo(afterFirst);
    assertThat(store.writes().values()).containsOnly(1);
  }
}
