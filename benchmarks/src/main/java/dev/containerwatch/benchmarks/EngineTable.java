package dev.containerwatch.benchmarks;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link DataPlaneBenchmark} and prints, per document, parses and evaluations per second and
 * the cost ratio (time to evaluate every rule / time to parse; the budget is 1.0 or less). JMH
 * options may be given, e.g. {@code -wi 2 -i 3 -p document=aks}.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.containerwatch.benchmarks.EngineTable
 * </pre>
 */
public final class EngineTable {
  private EngineTable() {}

  public static void main(String[] args) throws Exception {
    CommandLineOptions cli = new CommandLineOptions(args);
    Collection<RunResult> results =
        new Runner(
                new OptionsBuilder()
                    .parent(cli)
                    .include(DataPlaneBenchmark.class.getName() + "\\.")
                    .build())
            .run();
    System.out.print(table(results));
  }

  static String table(Collection<RunResult> results) throws RunnerException {
    Map<String, double[]> byDoc = new TreeMap<>();
    for (RunResult r : results) {
      String doc = r.getParams().getParam("document");
      String method = r.getParams().getBenchmark();
      double score = r.getPrimaryResult().getScore();
      double[] row = byDoc.computeIfAbsent(doc, d -> new double[2]);
      row[method.endsWith("parseOnly") ? 0 : 1] = score;
    }
    StringBuilder out = new StringBuilder();
    out.append("\nEngine: all applicable rules vs Jackson parsing the same bytes (ops/s)\n");
    out.append(
        String.format(
            Locale.ROOT,
            "%-12s %12s %12s %8s %s%n",
            "document",
            "parse/s",
            "evaluate/s",
            "ratio",
            "budget <= 1.0"));
    for (Map.Entry<String, double[]> e : byDoc.entrySet()) {
      double parse = e.getValue()[0];
      double evaluate = e.getValue()[1];
      double ratio = parse / evaluate;
      out.append(
          String.format(
              Locale.ROOT,
              "%-12s %12.0f %12.0f %8.2f %s%n",
              e.getKey(),
              parse,
              evaluate,
              ratio,
              ratio <= 1.0 ? "met" : "MISSED"));
    }
    return out.toString();
  }
}
