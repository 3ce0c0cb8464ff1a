package dev.containerwatch.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.documents.Json;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import io.cloudevents.SpecVersion;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One cold invocation of the Pub/Sub function, in the fresh JVM the cold-start benchmark ({@code
 * bench/cold-start.sh}) starts on the deployable jar (plus the Functions Framework and CloudEvents
 * APIs, which the platform provides):
 *
 * <pre>
 * java -cp containerwatch-gcp.jar:functions-framework-api.jar:cloudevents-api.jar:gcp-function/target/test-classes \
 *   dev.containerwatch.gcp.ColdStart local|env EVENT.json [EVENT.json...]
 * </pre>
 *
 * <ul>
 *   <li>{@code local}: {@link PubSubFunction} onto a runtime whose only sink is the standard output
 *       (no store; Security Command Center's source left unset);
 *   <li>{@code env}: the runtime the function builds from the environment (Security Command Center
 *       sink, API clients on first use), every endpoint on a local stub, the standard output as an
 *       extra sink.
 * </ul>
 *
 * Several events are handled one after the other by the same runtime (the training run of a
 * class-data sharing archive). The event is a sample in structured CloudEvent form ({@code
 * events-samples/gcp/}); its {@code data} is what Eventarc delivers as the body. On the standard
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
      env.remove(GcpSettings.SCC_SOURCE);
    }
    GcpRuntime runtime =
        new GcpRuntime(
            env,
            GcpRuntime.httpClient(),
            RetryPolicy.defaults(),
            Retry.Sleeper.REAL,
            Clock.systemUTC(),
            new Log(System.err::println),
            (e, http) -> sink);
    for (int i = 1; i < args.length; i++) {
      JsonNode sample = Json.read(Files.readAllBytes(Path.of(args[i])));
      new PubSubFunction(runtime::pubSub).accept(new SampleEvent(sample));
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

  /** A structured-mode sample as the CloudEvent the Functions Framework hands over. */
  static final class SampleEvent implements CloudEvent {
    private final JsonNode json;
    private final byte[] data;

    SampleEvent(JsonNode json) {
      this.json = json;
      this.data = Json.writeBytes(json.get("data"));
    }

    @Override
    public CloudEventData getData() {
      return () -> data;
    }

    @Override
    public SpecVersion getSpecVersion() {
      return SpecVersion.V1;
    }

    @Override
    public String getId() {
      return json.path("id").asText();
    }

    @Override
    public String getType() {
      return json.path("type").asText();
    }

    @Override
    public URI getSource() {
      return URI.create(json.path("source").asText());
    }

    @Override
    public String getDataContentType() {
      return json.path("datacontenttype").asText(null);
    }

    @Override
    public URI getDataSchema() {
      return null;
    }

    @Override
    public String getSubject() {
      return json.path("subject").asText(null);
    }

    @Override
    public OffsetDateTime getTime() {
      return json.hasNonNull("time") ? OffsetDateTime.parse(json.get("time").asText()) : null;
    }

    @Override
    public Object getAttribute(String name) {
      return json.path(name).asText(null);
    }

    @Override
    public Object getExtension(String name) {
      return null;
    }

    @Override
    public Set<String> getExtensionNames() {
      return Set.of();
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
