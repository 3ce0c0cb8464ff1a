package dev.containerwatch.aws.bench;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.containerwatch.aws.AwsFunction;
import dev.containerwatch.aws.AwsSettings;
import dev.containerwatch.aws.CloudWatchLogsHandler;
import dev.containerwatch.aws.EventBridgeHandler;
import dev.containerwatch.aws.Log;
import dev.containerwatch.aws.SqsHandler;
import dev.containerwatch.aws.loaders.AwsClients;
import dev.containerwatch.aws.loaders.LazyCredentialsProvider;
import dev.containerwatch.aws.loaders.LazyHttpClient;
import dev.containerwatch.aws.loaders.SdkEcrLoader;
import dev.containerwatch.aws.loaders.SdkEksLoader;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.documents.Json;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.rules.Rules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * One cold invocation of a Lambda handler, in the fresh JVM the cold-start benchmark ({@code
 * bench/cold-start.sh}) starts on the shaded Lambda jar with Lambda's JVM flags:
 *
 * <pre>
 * java -cp aws-lambda-VERSION-lambda.jar:aws-lambda/target/test-classes \
 *   dev.containerwatch.aws.bench.ColdStart local|env EVENT.json [EVENT.json...]
 * </pre>
 *
 * <ul>
 *   <li>{@code local}: the handler onto the function with one sink, the standard output (what the
 *       budget "an event that carries its resource, no cloud API call" measures);
 *   <li>{@code env}: the function Lambda's no-argument handlers make ({@link AwsFunction#shared()}:
 *       the environment, the default credentials, SDK clients on first use, the Security Hub sink),
 *       with every endpoint on a local stub ({@code AWS_ENDPOINT_URL}, {@code
 *       AWS_ENDPOINT_URL_SECURITYHUB}), and the standard output as an extra sink.
 * </ul>
 *
 * Several events are handled one after the other by the same function (the training run of a
 * class-data sharing archive). The handler is the one the event is for ({@code awslogs}: CloudWatch
 * Logs; {@code Records}: SQS; else EventBridge). Each finding is printed as one JSON line; on the
 * standard error, {@code first-finding-ms <epoch ms>} when the first one is written, then {@code
 * done-ms}, the findings count and, with {@code -Dbench.peakHeap=true}, the peak heap used ({@code
 * peak-heap-bytes}, the sum of every heap pool's peak).
 */
public final class ColdStart {
  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    if (args.length < 2 || !(args[0].equals("local") || args[0].equals("env"))) {
      System.err.println("usage: ColdStart local|env EVENT.json [EVENT.json...]");
      System.exit(2);
    }
    StdoutSink sink = new StdoutSink();
    AwsFunction function = args[0].equals("local") ? local(System.getenv(), sink) : env(sink);
    ByteArrayOutputStream answer = new ByteArrayOutputStream();
    for (int i = 1; i < args.length; i++) {
      byte[] event = Files.readAllBytes(Path.of(args[i]));
      answer.reset();
      handlerFor(event, function).handleRequest(new ByteArrayInputStream(event), answer, null);
    }
    System.out.flush();
    System.err.println("done-ms " + System.currentTimeMillis());
    System.err.println("findings " + sink.count.get());
    if (Boolean.getBoolean("bench.peakHeap")) {
      System.err.println("peak-heap-bytes " + peakHeap());
    }
    System.err.println("answer " + answer.toString(StandardCharsets.UTF_8));
    System.exit(0);
  }

  /** The function as {@link AwsFunction#shared()} makes it, plus the standard output. */
  static AwsFunction env(FindingSink sink) {
    return AwsFunction.fromEnvironment(
        System.getenv(),
        UrlConnectionHttpClient.create(),
        DefaultCredentialsProvider.builder().build(),
        AwsClients::standardRetries,
        RetryPolicy.defaults(),
        Retry.Sleeper.REAL,
        Log.to(System.err),
        sink);
  }

  /** The same function with the standard output as its only sink: no store, no API call. */
  static AwsFunction local(Map<String, String> env, FindingSink sink) {
    AwsSettings settings = AwsSettings.fromEnvironment(env);
    Catalog catalog = Catalog.bundled();
    List<Rule> rules = Rules.all();
    RuleEngine engine =
        new RuleEngine(rules, new ConfigurationLoader(catalog, rules).fromEnvironment(env));
    AwsClients clients =
        new AwsClients(
            settings.region(),
            settings.account(),
            settings.crossAccountRole(),
            settings.externalId(),
            new LazyHttpClient(UrlConnectionHttpClient::create),
            new LazyCredentialsProvider(() -> DefaultCredentialsProvider.builder().build()),
            AwsClients::standardRetries,
            settings.endpoint());
    return new AwsFunction(
        catalog,
        engine,
        new SdkEksLoader(clients),
        new SdkEcrLoader(clients),
        List.of(sink),
        null,
        settings.region(),
        Log.to(System.err));
  }

  static RequestStreamHandler handlerFor(byte[] event, AwsFunction function) {
    String text = new String(event, StandardCharsets.UTF_8);
    if (text.contains("\"awslogs\"")) {
      return new CloudWatchLogsHandler(function);
    }
    if (text.contains("\"Records\"")) {
      return new SqsHandler(function);
    }
    return new EventBridgeHandler(function);
  }

  /** The sum of every heap pool's peak usage since the JVM started. */
  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
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
