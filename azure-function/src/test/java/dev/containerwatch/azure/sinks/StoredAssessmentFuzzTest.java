package dev.containerwatch.azure.sinks;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.azure.AksAuditLogFunction;
import dev.containerwatch.azure.AzureApp;
import dev.containerwatch.azure.EventGridFunction;
import dev.containerwatch.azure.loaders.ArmClient;
import dev.containerwatch.azure.loaders.FileArmClient;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.testing.Fuzzing;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Timeout;

/**
 * What the Defender sink reads back before it writes: the stored assessment (its {@code
 * observedAt}, its items and their times), here whatever ARM answers. A direct assessment (a
 * Resource Notification's cluster) and the shared ones of a cluster (an audit batch) are written
 * over it without any exception: an unreadable stored state is replaced, never a reason to fail.
 */
class StoredAssessmentFuzzTest {
  private static final String ARN_AKS =
      Samples.read(Samples.ROOT.resolve("eventgrid/arn-aks-created-or-updated-eventgrid.json"));
  private static final List<String> AUDIT_BATCH =
      Samples.messages(Samples.ROOT.resolve("eventhub/kube-audit-batch.json"));
  private static final StoredAnswer ARM = new StoredAnswer();
  private static final AzureApp APP =
      AzureApp.create(
          Map.of("CONTAINERWATCH_SUBSCRIPTIONS", TestApps.SUBSCRIPTION),
          new AzureApp.Overrides(
              null,
              null,
              null,
              Clock.fixed(TestApps.NOW, ZoneOffset.UTC),
              RetryPolicy.defaults(),
              d -> {},
              List.of(),
              ARM));

  @Timeout(10)
  @FuzzTest
  void storedAssessment(byte[] data) {
    JsonNode stored = Fuzzing.json(data);
    if (stored == null) {
      return; // not JSON: the ARM client refuses it before the sink reads it
    }
    ARM.stored = stored;
    new EventGridFunction(() -> APP).handle(ARN_AKS, new TestContext("eventgrid"));
    new AksAuditLogFunction(() -> APP).handle(AUDIT_BATCH, new TestContext("aks-audit"));
  }

  /** The samples' ARM, answering every assessment GET with the fuzzed body. */
  private static final class StoredAnswer implements ArmClient {
    private final FileArmClient files =
        new FileArmClient(Samples.RESOURCES.resolve("arm-routes.json"));
    volatile JsonNode stored;

    @Override
    public Optional<JsonNode> get(String path, String apiVersion) {
      return path.contains("/providers/Microsoft.Security/assessments/")
          ? Optional.of(stored)
          : files.get(path, apiVersion);
    }

    @Override
    public List<JsonNode> list(String path, String apiVersion) {
      return files.list(path, apiVersion);
    }

    @Override
    public JsonNode put(String path, String apiVersion, JsonNode body) {
      return body;
    }

    @Override
    public boolean delete(String path, String apiVersion) {
      return true;
    }

    @Override
    public JsonNode post(String path, String apiVersion, JsonNode body) {
      return files.post(path, apiVersion, body);
    }
  }
}
