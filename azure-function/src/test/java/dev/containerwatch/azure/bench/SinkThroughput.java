package dev.containerwatch.azure.bench;

import dev.containerwatch.azure.AzureApp;
import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Findings through the Defender for Cloud assessments sink as the function writes them (the app's
 * pipeline: evaluate, then one ARM {@code PUT} per assessment, metadata once per rule, the
 * production retry policy and real waits), to a local stub that enforces ARM's subscription write
 * limits ({@code bench/stub.py}, {@code bench/sinks.sh}):
 *
 * <pre>
 * java -cp 'APP/azure-function.jar:APP/lib/*:azure-coldstart.jar' dev.containerwatch.azure.bench.SinkThroughput STUB_URL COUNT DOCUMENT
 * </pre>
 *
 * The document (an AKS cluster) is evaluated once per cluster name, {@code <name>-<i>}, until COUNT
 * findings are written. Prints one line: {@code findings <n> seconds <s> writes <w> failures <f>}.
 */
public final class SinkThroughput {
  private SinkThroughput() {}

  public static void main(String[] args) throws Exception {
    String stub = args[0];
    int count = Integer.parseInt(args[1]);
    SnapshotReader reader = new SnapshotReader(Instant.parse("2026-11-29T12:00:00Z"));
    reader.add(args[2], Files.readAllBytes(Path.of(args[2])));
    Snapshot template = reader.snapshots().get(0);
    AzureApp app =
        AzureApp.create(
            Map.of("CONTAINERWATCH_ARM_ENDPOINT", stub),
            new AzureApp.Overrides(
                null, () -> "bench-token", () -> "bench-token", null, null, null, List.of(), null));
    int written = 0;
    int writes = 0;
    int failures = 0;
    int unknown = 0;
    long start = System.nanoTime();
    for (int i = 0; written < count; i++) {
      ResourceRef r = template.resource();
      Snapshot s =
          new Snapshot(
              new ResourceRef(
                  r.type(), r.id() + "-" + i, r.account(), r.region(), r.name() + "-" + i),
              template.document(),
              template.evidence(),
              template.observedAt());
      try {
        List<Finding> findings = app.pipeline().process(s);
        written += findings.size();
        unknown += (int) findings.stream().filter(f -> f.status() == Status.UNKNOWN).count();
      } catch (RuntimeException e) {
        failures++;
        System.err.println("write failed: " + e.getMessage());
      }
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
    System.exit(0);
  }
}
