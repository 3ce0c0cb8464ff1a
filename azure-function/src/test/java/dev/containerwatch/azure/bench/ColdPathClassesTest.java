package dev.containerwatch.azure.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.testing.ClassLoading;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The carried event's cold path (an Event Hub kube-audit batch) in a fresh JVM, as the benchmark
 * runs it: it builds no {@code ObjectMapper} (about 120 ms of class loading) and loads nothing of
 * the Azure SDK.
 */
class ColdPathClassesTest {
  @Test
  void theCarriedEventLoadsNeitherAnObjectMapperNorTheAzureSdk() throws Exception {
    String log =
        ClassLoading.log(
            ColdStart.class,
            Map.of(),
            "local",
            Path.of("..", "events-samples", "azure", "eventhub", "kube-audit-batch.json")
                .toString());

    assertThat(log).contains("dev.containerwatch.findings.FindingJson");
    assertThat(log).doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ");
    assertThat(log).doesNotContain("com.azure.").doesNotContain("com.microsoft.aad.msal4j");
  }
}
