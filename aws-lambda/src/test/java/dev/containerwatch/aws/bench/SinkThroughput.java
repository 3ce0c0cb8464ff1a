package dev.containerwatch.aws.bench;

import dev.containerwatch.aws.sinks.SecurityHubHttpClient;
import dev.containerwatch.aws.sinks.SecurityHubSink;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingsEvaluator;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.SinkDrive;
import java.net.URI;
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
    Snapshot template =
        SinkDrive.template(args[2], "arn:aws:eks:eu-west-1:418273645091:cluster/orders-prod");
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
    SinkDrive.run(
        template,
        count,
        (snapshot, remaining) -> {
          List<Finding> findings = evaluator.evaluate(snapshot);
          findings = findings.subList(0, Math.min(findings.size(), remaining));
          try {
            sink.forSnapshot(snapshot).write(findings);
            return new SinkDrive.Outcome(findings, null);
          } catch (RuntimeException e) {
            return new SinkDrive.Outcome(findings, e);
          }
        });
  }
}
