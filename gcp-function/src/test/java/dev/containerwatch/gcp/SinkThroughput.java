package dev.containerwatch.gcp;

import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Findings through the Security Command Center sink as the function writes them (the runtime's
 * pipeline: evaluate, then {@code UpdateFinding} per finding, four at a time, the production retry
 * policy and real waits), to a local stub that enforces SCC's write quota ({@code bench/stub.py},
 * {@code bench/sinks.sh}):
 *
 * <pre>
 * java -cp containerwatch-gcp.jar:gcp-coldstart.jar dev.containerwatch.gcp.SinkThroughput STUB_URL COUNT DOCUMENT
 * </pre>
 *
 * The document (a GKE cluster) is evaluated once per cluster name, {@code <name>-<i>}, until COUNT
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
    GcpRuntime runtime =
        new GcpRuntime(
            Map.of(
                GcpSettings.CREDENTIALS,
                "none",
                GcpSettings.SCC_ENDPOINT,
                stub,
                GcpSettings.CONTAINER_ENDPOINT,
                stub,
                GcpSettings.SCC_SOURCE,
                "organizations/582019374625/sources/7241935786402716215"),
            GcpRuntime.httpClient(),
            RetryPolicy.defaults(),
            Retry.Sleeper.REAL,
            Clock.systemUTC(),
            new Log(line -> {}),
            (env, http) -> null);
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
        List<Finding> findings = runtime.pipeline().process(s);
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
    runtime.close();
    System.exit(0);
  }
}
