package dev.containerwatch.aws.bench;

import dev.containerwatch.aws.sinks.SecurityHubHttpClient;
import dev.containerwatch.aws.sinks.SecurityHubSink;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingsEvaluator;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.rules.Rules;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Findings through the Security Hub sink as the function writes them (one write per evaluated
 * object, batched by the sink, SigV4-signed, the production retry policy and real waits), to a
 * local stub that enforces Security Hub's limits ({@code bench/stub.py}, {@code bench/sinks.sh}):
 *
 * <pre>
 * java -cp lambda.jar:aws-coldstart.jar dev.containerwatch.aws.bench.SinkThroughput STUB_URL COUNT DOCUMENT
 * </pre>
 *
 * The document (a Kubernetes workload) is evaluated once per object name, {@code <name>-<i>}, until
 * COUNT findings are written. Prints one line: {@code findings <n> unknown <u> seconds <s> writes
 * <w> failures <f>}.
 */
public final class SinkThroughput {
  private SinkThroughput() {}

  public static void main(String[] args) throws Exception {
    URI stub = URI.create(args[0]);
    int count = Integer.parseInt(args[1]);
    SnapshotReader reader =
        new SnapshotReader(
            Instant.parse("2026-11-29T12:00:00Z"),
            "arn:aws:eks:eu-west-1:418273645091:cluster/orders-prod");
    reader.add(args[2], Files.readAllBytes(Path.of(args[2])));
    Snapshot template = reader.snapshots().get(0);
    Catalog catalog = Catalog.bundled();
    List<Rule> rules = Rules.all();
    FindingsEvaluator evaluator =
        new FindingsEvaluator(
            new RuleEngine(rules, new ConfigurationLoader(catalog, rules).defaults()), catalog);
    RetryPolicy policy = RetryPolicy.defaults();
    SecurityHubSink sink =
        new SecurityHubSink(
            new SecurityHubHttpClient(
                UrlConnectionHttpClient.create(),
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(
                        "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")),
                stub,
                policy,
                Retry.Sleeper.REAL),
            () -> "418273645091",
            catalog.version(),
            "eu-west-1",
            policy,
            Retry.Sleeper.REAL);
    int written = 0;
    int writes = 0;
    int failures = 0;
    int unknown = 0;
    long start = System.nanoTime();
    for (int i = 0; written < count; i++) {
      Snapshot s = copy(template, i);
      List<Finding> findings = evaluator.evaluate(s);
      findings = findings.subList(0, Math.min(findings.size(), count - written));
      try {
        sink.forSnapshot(s).write(findings);
      } catch (RuntimeException e) {
        failures++;
        System.err.println("write failed: " + e.getMessage());
      }
      written += findings.size();
      unknown += (int) findings.stream().filter(f -> f.status() == Status.UNKNOWN).count();
      writes++;
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        java.util.Locale.ROOT,
        "findings %d unknown %d seconds %.2f writes %d failures %d%n",
        written,
        unknown,
        seconds,
        writes,
        failures);
  }

  /** The same object under another name (another finding id for each of its findings). */
  static Snapshot copy(Snapshot s, int i) {
    ResourceRef r = s.resource();
    ResourceRef ref =
        new ResourceRef(r.type(), r.id() + "-" + i, r.account(), r.region(), r.name() + "-" + i);
    return new Snapshot(ref, s.document(), s.evidence(), s.observedAt());
  }
}
