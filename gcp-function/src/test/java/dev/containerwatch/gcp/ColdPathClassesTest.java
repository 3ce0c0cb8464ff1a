package dev.containerwatch.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.testing.ClassLoading;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The carried event's cold path (a Cloud Asset feed message) in a fresh JVM, as the benchmark runs
 * it: it builds no {@code ObjectMapper} (about 120 ms of class loading). That no API client is
 * built is {@link LazyStartTest}'s.
 */
class ColdPathClassesTest {
  @Test
  void theCarriedEventBuildsNoObjectMapper() throws Exception {
    String log =
        ClassLoading.log(
            ColdStart.class,
            Map.of("CONTAINERWATCH_GCP_CREDENTIALS", "none"),
            "local",
            Path.of("..", "events-samples", "gcp", "asset-cluster-misconfigured.json").toString());

    assertThat(log).contains("dev.containerwatch.findings.FindingJson");
    assertThat(log).doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ");
  }
}
