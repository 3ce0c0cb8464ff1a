package dev.containerwatch.testing;

import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The loop of the sink throughput benchmarks ({@code bench/sinks.sh}): one document evaluated under
 * a new name, {@code <name>-<i>}, and written, until a number of findings is reached, then one
 * line: {@code findings <n> unknown <u> seconds <s> writes <w> failures <f>}.
 */
public final class SinkDrive {
  private SinkDrive() {}

  /** What one write did: the findings it wrote or tried to write, and its failure if any. */
  public record Outcome(List<Finding> findings, RuntimeException failure) {}

  /** Writes the findings of one snapshot, at most {@code remaining} of them where it can. */
  @FunctionalInterface
  public interface Writer {
    Outcome write(Snapshot snapshot, int remaining);
  }

  /** The first snapshot of a document file, as {@code scan} reads it. */
  public static Snapshot template(String file, String clusterId) throws IOException {
    SnapshotReader reader =
        clusterId == null
            ? new SnapshotReader(Instant.parse("2026-11-29T12:00:00Z"))
            : new SnapshotReader(Instant.parse("2026-11-29T12:00:00Z"), clusterId);
    reader.add(file, Files.readAllBytes(Path.of(file)));
    return reader.snapshots().get(0);
  }

  /** Writes copies of {@code template} until {@code count} findings, and prints the line. */
  public static void run(Snapshot template, int count, Writer writer) {
    int written = 0;
    int writes = 0;
    int failures = 0;
    int unknown = 0;
    long start = System.nanoTime();
    for (int i = 0; written < count; i++) {
      Outcome outcome = writer.write(copy(template, i), count - written);
      if (outcome.failure() != null) {
        failures++;
        System.err.println("write failed: " + outcome.failure().getMessage());
      }
      written += outcome.findings().size();
      unknown +=
          (int) outcome.findings().stream().filter(f -> f.status() == Status.UNKNOWN).count();
      writes++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "findings %d unknown %d seconds %.2f writes %d failures %d%n",
        written,
        unknown,
        seconds,
        writes,
        failures);
  }

  /** The same resource under another name (another finding id for each of its findings). */
  static Snapshot copy(Snapshot s, int i) {
    ResourceRef r = s.resource();
    ResourceRef ref =
        new ResourceRef(r.type(), r.id() + "-" + i, r.account(), r.region(), r.name() + "-" + i);
    return new Snapshot(ref, s.document(), s.evidence(), s.observedAt());
  }
}
