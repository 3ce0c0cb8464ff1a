package dev.containerwatch.documents;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.containerwatch.testing.Fuzzing;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;

/**
 * Any file content is read into snapshots or refused with one clear line: resource documents,
 * lists, bundles, Kubernetes manifests and scanner reports alike.
 */
class SnapshotReaderFuzzTest {
  private static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");

  @Timeout(10)
  @FuzzTest
  void read(byte[] data) {
    Fuzzing.parser(
        () -> {
          SnapshotReader reader = new SnapshotReader(AT).awsRegion("eu-west-1");
          reader.add("fuzz.json", data);
          reader.snapshots();
        });
  }
}
