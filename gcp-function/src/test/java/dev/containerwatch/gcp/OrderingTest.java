package dev.containerwatch.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Idempotency and ordering against a Security Command Center that keeps its findings and, like SCC,
 * applies any update whatever its {@code event_time} ({@link StatefulScc}). Events: the sample feed
 * message of checkout-usc1 (legacy ABAC on, 09:14) and, in {@code src/test/resources/ordering}, the
 * same cluster fixed (10:00) and deleted (11:00).
 */
class OrderingTest {
  private static final String MISCONFIGURED = "asset-cluster-misconfigured";
  private static final Path ORDERING = Path.of("src/test/resources/ordering");

  @RegisterExtension static final FakeGoogle google = new FakeGoogle();

  @BeforeEach
  void store() {
    google.statefulScc();
  }

  private static void deliver(GcpRuntime runtime, String orderingFile) throws IOException {
    FakeGoogle.deliver(
        runtime.pubSub(), FakeGoogle.readFile(ORDERING.resolve(orderingFile + ".json")));
  }

  private static JsonNode legacyAbac(Map<String, JsonNode> stored) {
    return stored.values().stream()
        .filter(f -> f.path("category").asText().equals("GKE_LEGACY_ABAC_DISABLED"))
        .findFirst()
        .orElseThrow();
  }

  /** The stored state by name (the HTTP/JSON client sends the enum's number). */
  private static String state(JsonNode finding) {
    JsonNode s = finding.path("state");
    return s.isNumber()
        ? com.google.cloud.securitycenter.v1.Finding.State.forNumber(s.asInt()).name()
        : s.asText();
  }

  @Test
  void theSameMessageTwiceStoresEachFindingOnceWithTheSameContent() throws IOException {
    try (GcpRuntime runtime = google.runtime(google.env())) {
      FakeGoogle.deliver(runtime, MISCONFIGURED);
      Map<String, JsonNode> first = google.scc.stored();
      FakeGoogle.deliver(runtime, MISCONFIGURED);

      assertThat(first).hasSize(10);
      assertThat(google.scc.stored()).isEqualTo(first);
      assertThat(google.sccReads()).as("one ListFindings per delivery").hasSize(2);
    }
  }

  @Test
  void anOlderFeedMessageAfterANewerOneLeavesTheNewerState() throws IOException {
    try (GcpRuntime runtime = google.runtime(google.env())) {
      deliver(runtime, "asset-cluster-fixed-later");
      JsonNode fixed = legacyAbac(google.scc.stored());
      assertThat(state(fixed)).isEqualTo("INACTIVE");
      int writes = google.scc.writes.get();

      FakeGoogle.deliver(runtime, MISCONFIGURED);

      assertThat(legacyAbac(google.scc.stored())).isEqualTo(fixed);
      assertThat(google.scc.stored().values())
          .allSatisfy(f -> assertThat(f.path("eventTime").asText()).startsWith("2026-11-29T10:00"));
      assertThat(google.scc.writes.get()).as("nothing older is written").isEqualTo(writes);
    }
  }

  @Test
  void aLateOlderUpsertAfterADeletionDoesNotReactivate() throws IOException {
    try (GcpRuntime runtime = google.runtime(google.env())) {
      FakeGoogle.deliver(runtime, MISCONFIGURED);
      assertThat(google.scc.stored().values())
          .anySatisfy(f -> assertThat(state(f)).isEqualTo("ACTIVE"));
      deliver(runtime, "asset-cluster-deleted-later");
      Map<String, JsonNode> resolved = google.scc.stored();
      assertThat(resolved.values())
          .hasSize(10)
          .allSatisfy(
              f -> {
                assertThat(state(f)).isEqualTo("INACTIVE");
                assertThat(f.path("eventTime").asText()).startsWith("2026-11-29T11:00");
              });

      FakeGoogle.deliver(runtime, MISCONFIGURED);

      assertThat(google.scc.stored()).isEqualTo(resolved);
    }
  }

  @Test
  void aDeletionCreatesNothingForFindingsThatWereNeverStored() throws IOException {
    try (GcpRuntime runtime = google.runtime(google.env())) {
      deliver(runtime, "asset-cluster-deleted-later");

      assertThat(google.scc.stored()).isEmpty();
      assertThat(google.scc.writes.get()).isZero();
      assertThat(google.sccReads()).hasSize(1);
    }
  }
}
