package dev.containerwatch.gcp;

import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.testing.SinkDrive;
import java.time.Clock;
import java.util.List;
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
    Snapshot template = SinkDrive.template(args[2], null);
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
    SinkDrive.run(
        template,
        count,
        (snapshot, remaining) -> {
          try {
            return new SinkDrive.Outcome(runtime.pipeline().process(snapshot), null);
          } catch (RuntimeException e) {
            return new SinkDrive.Outcome(List.of(), e);
          }
        });
    runtime.close();
    System.exit(0);
  }
}
