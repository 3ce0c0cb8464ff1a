package dev.containerwatch.azure.bench;

import dev.containerwatch.azure.AzureApp;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.testing.SinkDrive;
import java.util.List;
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
    Snapshot template = SinkDrive.template(args[2], null);
    AzureApp app =
        AzureApp.create(
            Map.of("CONTAINERWATCH_ARM_ENDPOINT", stub),
            new AzureApp.Overrides(
                null, () -> "bench-token", () -> "bench-token", null, null, null, List.of(), null));
    SinkDrive.run(
        template,
        count,
        (snapshot, remaining) -> {
          try {
            return new SinkDrive.Outcome(app.pipeline().process(snapshot), null);
          } catch (RuntimeException e) {
            return new SinkDrive.Outcome(List.of(), e);
          }
        });
    System.exit(0);
  }
}
