package dev.containerwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.RuleCase;
import dev.containerwatch.testing.RuleCases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/** Runs every rule on each of its file cases and checks every verdict against the case. */
class RuleCasesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyCaseGivesItsExpectedVerdicts() {
    List<DynamicTest> tests = new ArrayList<>();
    for (Rule rule : Rules.all()) {
      for (RuleCase c : RuleCases.of(rule.id())) {
        tests.add(DynamicTest.dynamicTest(c.name(), c.file().toUri(), () -> run(rule, c)));
      }
    }
    return tests.stream();
  }

  private static void run(Rule rule, RuleCase c) throws Exception {
    ObjectNode config = JSON.createObjectNode();
    ObjectNode settings = config.putObject("rules").putObject(rule.id());
    settings.put("enabled", true);
    if (c.parameters() != null) {
      settings.set("parameters", c.parameters());
    }
    Configuration configuration =
        new ConfigurationLoader(Catalog.bundled(), Rules.all()).parse(config.toString(), c.name());

    Instant now = Instant.parse("2026-11-29T12:00:00Z");
    SnapshotReader reader =
        c.cluster() == null ? new SnapshotReader(now) : new SnapshotReader(now, c.cluster());
    reader.add(c.name(), JSON.writeValueAsBytes(c.bundle()));
    List<Snapshot> snapshots = reader.snapshots();
    assertThat(snapshots).as("snapshots of %s", c.name()).hasSize(1);
    assertThat(snapshots.get(0).type())
        .as("resource type of %s", c.name())
        .isEqualTo(rule.resourceType());

    List<Evaluation> results =
        new RuleEngine(List.of(rule), configuration).evaluate(snapshots.get(0));

    assertThat(results).as("verdicts of %s: %s", c.name(), results).hasSameSizeAs(c.expectations());
    for (int i = 0; i < results.size(); i++) {
      Evaluation actual = results.get(i);
      RuleCase.Expectation expected = c.expectations().get(i);
      assertThat(actual.status())
          .as("status of %s (reason: %s)", c.name(), actual.reason())
          .isEqualTo(expected.status());
      assertThat(actual.subject()).as("subject of %s", c.name()).isEqualTo(expected.subject());
      if (expected.reasonContains() != null) {
        assertThat(actual.reason())
            .as("reason of %s", c.name())
            .contains(expected.reasonContains());
      }
      assertThat(actual.reason()).as("reason of %s", c.name()).isNotBlank();
    }
  }
}
