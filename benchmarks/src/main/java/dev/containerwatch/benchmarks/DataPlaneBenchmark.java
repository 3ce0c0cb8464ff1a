package dev.containerwatch.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.Evaluation;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.kubernetes.KubernetesRules;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
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
 * Evaluations per second of every data-plane rule on a realistic workload, next to what it costs
 * only to parse the same bytes with Jackson. The budget: evaluating costs no more than parsing.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DataPlaneBenchmark
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

  /** A Deployment with an init container and three containers, fully hardened; a CronJob. */
  @Param({"deployment", "cronjob"})
  public String document;

  private byte[] bytes;
  private Snapshot snapshot;
  private RuleEngine engine;

  @Setup
  public void setUp() throws IOException {
    try (InputStream in =
        DataPlaneBenchmark.class.getResourceAsStream("/bench/" + document + ".json")) {
      bytes = in.readAllBytes();
    }
    snapshot = KubernetesSnapshots.of("bench", JSON.readTree(bytes), Instant.EPOCH);
    List<Rule> rules = KubernetesRules.all();
    Configuration configuration = new ConfigurationLoader(Catalog.bundled(), rules).defaults();
    engine = new RuleEngine(rules, configuration);
  }

  /** Jackson reading the object's bytes into a tree: the reference cost. */
  @Benchmark
  public JsonNode parseOnly() throws IOException {
    return JSON.readTree(bytes);
  }

  /** Every data-plane rule on the parsed object. */
  @Benchmark
  public List<Evaluation> evaluateAllRules() {
    return engine.evaluate(snapshot);
  }
}
