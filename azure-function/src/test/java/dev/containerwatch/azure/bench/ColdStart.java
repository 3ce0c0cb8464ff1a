package dev.containerwatch.azure.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.azure.functions.ExecutionContext;
import dev.containerwatch.azure.AksAuditLogFunction;
import dev.containerwatch.azure.AzureApp;
import dev.containerwatch.azure.EventGridFunction;
import dev.containerwatch.azure.Settings;
import dev.containerwatch.documents.Json;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.FindingSink;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.ConsoleHandler;
import java.util.logging.Logger;

/**
 * One cold invocation of an Azure function, in the fresh JVM the cold-start benchmark ({@code
 * bench/cold-start.sh}) starts on the staged function app ({@code
 * target/azure-functions/containerwatch/}: the module jar and {@code lib/}):
 *
 * <pre>
 * java -cp 'APP/azure-function-VERSION.jar:APP/lib/*:azure-function/target/test-classes' \
 *   dev.containerwatch.azure.bench.ColdStart local|env EVENT.json [EVENT.json...]
 * </pre>
 *
 * <ul>
 *   <li>{@code local}: the function class onto an app whose only sink is the standard output
 *       (Defender assessments off: no store, no ARM call for an event that carries its objects);
 *   <li>{@code env}: the app the function builds from the environment ({@link AzureApp#get()}'s:
 *       the default credential, ARM and the Defender sink on first use), every endpoint on a local
 *       stub, the standard output as an extra sink.
 * </ul>
 *
 * Several events are handled one after the other by the same app (the training run of a class-data
 * sharing archive). An Event Hub sample ({@code eventhub/}, a JSON array: one element per message)
 * goes to {@link AksAuditLogFunction}, any other to {@link EventGridFunction}. On the standard
 * error: {@code first-finding-ms <epoch ms>}, {@code done-ms}, the findings count and, with {@code
 * -Dbench.peakHeap=true}, the peak heap used.
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !(args[0].equals("local") || args[0].equals("env"))) {
      System.err.println("usage: ColdStart local|env EVENT.json [EVENT.json...]");
      System.exit(2);
    }
    StdoutSink sink = new StdoutSink();
    Map<String, String> env = new HashMap<>(System.getenv());
    if (args[0].equals("local")) {
      env.put(Settings.DEFENDER_ASSESSMENTS, "false");
    }
    AzureApp app =
        AzureApp.create(
            env, new AzureApp.Overrides(null, null, null, null, null, null, List.of(sink), null));
    Context context = new Context();
    for (int i = 1; i < args.length; i++) {
      Path file = Path.of(args[i]);
      String event = Files.readString(file, StandardCharsets.UTF_8);
      if (file.getParent() != null
          && file.getParent().getFileName().toString().equals("eventhub")) {
        List<String> messages = new ArrayList<>();
        for (JsonNode message : Json.read(event)) {
          // The host hands each Event Hub message over as its text.
          messages.add(Json.write(message));
        }
        new AksAuditLogFunction(() -> app).handle(messages, context);
      } else {
        new EventGridFunction(() -> app).handle(event, context);
      }
    }
    System.out.flush();
    System.err.println("done-ms " + System.currentTimeMillis());
    System.err.println("findings " + sink.count.get());
    if (Boolean.getBoolean("bench.peakHeap")) {
      System.err.println("peak-heap-bytes " + peakHeap());
    }
    System.exit(0);
  }

  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** The host's context: a logger to the standard error. */
  static final class Context implements ExecutionContext {
    private final Logger logger = Logger.getLogger("containerwatch.bench");

    Context() {
      logger.setUseParentHandlers(false);
      ConsoleHandler handler = new ConsoleHandler();
      logger.addHandler(handler);
    }

    @Override
    public Logger getLogger() {
      return logger;
    }

    @Override
    public String getInvocationId() {
      return "00000000-0000-4000-8000-000000000000";
    }

    @Override
    public String getFunctionName() {
      return "bench";
    }
  }

  /** Prints each finding as one JSON line; notes when the first is written. */
  static final class StdoutSink implements FindingSink {
    final AtomicInteger count = new AtomicInteger();

    @Override
    public void write(List<Finding> findings) {
      if (count.getAndAdd(findings.size()) == 0 && !findings.isEmpty()) {
        System.err.println("first-finding-ms " + System.currentTimeMillis());
      }
      for (Finding f : findings) {
        System.out.println(Json.write(FindingJson.toJson(f)));
      }
    }

    @Override
    public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {}

    @Override
    public String name() {
      return "stdout";
    }
  }
}
