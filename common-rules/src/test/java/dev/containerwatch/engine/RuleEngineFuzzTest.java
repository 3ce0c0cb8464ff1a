package dev.containerwatch.engine;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.Fuzzing;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;

/**
 * Every rule on fuzzed snapshots: whatever the reader accepts, the engine evaluates without an
 * exception escaping it. A rule that fails gives UNKNOWN with the error, never a
 * StackOverflowError, and the same snapshot gives the same evaluations twice.
 */
class RuleEngineFuzzTest {
  private static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");
  private static final RuleEngine ENGINE = new RuleEngine(Rules.all(), everyRuleOn());

  /** The defaults with the off-by-default rules turned on, so that every rule runs. */
  private static Configuration everyRuleOn() {
    String rules =
        Rules.all().stream()
            .map(r -> "\"" + r.id() + "\": {\"enabled\": true}")
            .collect(Collectors.joining(", "));
    return new ConfigurationLoader(Catalog.bundled(), Rules.all())
        .parse("{\"rules\": {" + rules + "}}", "every rule on");
  }

  @Timeout(10)
  @FuzzTest
  void evaluate(byte[] data) {
    List<Snapshot> snapshots;
    try {
      SnapshotReader reader =
          new SnapshotReader(AT, "arn:aws:eks:eu-west-1:123456789012:cluster/fuzz")
              .awsRegion("eu-west-1");
      reader.add("fuzz.json", data);
      snapshots = reader.snapshots();
    } catch (InvalidInputException e) {
      Fuzzing.checkMessage(e);
      return;
    }
    for (Snapshot s : snapshots) {
      List<Evaluation> first = ENGINE.evaluate(s);
      for (Evaluation e : first) {
        if (e.status() == null || e.reason() == null) {
          throw new AssertionError("evaluation without a status or a reason: " + e);
        }
        if (e.reason().startsWith("rule failed: ")) {
          if (e.status() != Status.UNKNOWN) {
            throw new AssertionError("a failed rule must give UNKNOWN: " + e);
          }
          // The engine contains any exception, but only unreadable evidence is a reason for one.
          if (!e.reason().startsWith("rule failed: InvalidInputException")) {
            throw new AssertionError("rule " + e.ruleId() + " failed: " + e.reason());
          }
        }
      }
      if (!first.equals(ENGINE.evaluate(s))) {
        throw new AssertionError("the same snapshot gave other evaluations the second time");
      }
    }
  }
}
