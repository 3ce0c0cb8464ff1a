package dev.containerwatch.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.engine.Evaluation;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.Rules;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Evaluations per second of every applicable rule on a realistic document, next to what it costs
 * only to parse the same bytes with Jackson. The budget: evaluating costs no more than parsing.
 *
 * <p>The documents ({@code src/main/resources/bench/}): the complete AKS, EKS and GKE documents of
 * common-rules' tests (ARM GET with its evidence, {@code aws eks describe-cluster} with node groups
 * and add-ons, {@code gcloud container clusters describe}), a Deployment with an init container and
 * three containers, a CronJob, and a Trivy report of an ACR image with 500 vulnerabilities ({@code
 * bench/make-scan-report.py}).
 *
 * <p>Each evaluation gets a fresh {@link Snapshot} of the already read document, so the views the
 * rules share ({@link Snapshot#derived}: a workload's pod, an image's report) are computed in every
 * operation, as they are for every event.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DataPlaneBenchmark
 * java -cp benchmarks/target/benchmarks.jar dev.containerwatch.benchmarks.EngineTable
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class DataPlaneBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The documents: see the class comment. */
  @Param({"aks", "eks", "gke", "deployment", "cronjob", "trivy-500"})
  public String document;

  private byte[] bytes;
  private List<Snapshot> snapshots;
  private RuleEngine engine;

  @Setup
  public void setUp() throws IOException {
    bytes = read(document);
    snapshots = snapshots(document, bytes);
    engine = engine();
    if (evaluate(engine, snapshots).isEmpty()) {
      throw new IllegalStateException(document + ": no rule applies");
    }
  }

  /** Jackson reading the document's bytes into a tree: the reference cost. */
  @Benchmark
  public JsonNode parseOnly() throws IOException {
    return JSON.readTree(bytes);
  }

  /** Every applicable rule on the read document. */
  @Benchmark
  public List<Evaluation> evaluateAllRules() {
    return evaluate(engine, snapshots);
  }

  static byte[] read(String document) throws IOException {
    try (InputStream in =
        DataPlaneBenchmark.class.getResourceAsStream("/bench/" + document + ".json")) {
      if (in == null) {
        throw new IOException("no document bench/" + document + ".json");
      }
      return in.readAllBytes();
    }
  }

  /** The snapshots the command line's {@code scan} reads from the document. */
  static List<Snapshot> snapshots(String document, byte[] bytes) {
    SnapshotReader reader = new SnapshotReader(Instant.parse("2026-11-29T12:00:00Z"), "bench");
    reader.add(document + ".json", bytes);
    return reader.snapshots();
  }

  /** Every rule of every family, with the default configuration. */
  static RuleEngine engine() {
    List<Rule> rules = Rules.all();
    return new RuleEngine(rules, new ConfigurationLoader(Catalog.bundled(), rules).defaults());
  }

  static List<Evaluation> evaluate(RuleEngine engine, List<Snapshot> snapshots) {
    List<Evaluation> out = new ArrayList<>();
    for (Snapshot s : snapshots) {
      Snapshot fresh = new Snapshot(s.resource(), s.document(), s.evidence(), s.observedAt());
      out.addAll(engine.evaluate(fresh));
    }
    return out;
  }
}
