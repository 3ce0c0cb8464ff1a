package dev.containerwatch.engine;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * One complete, realistic document per resource type ({@code src/test/resources/documents}),
 * evaluated by every rule with the default configuration; the evaluations must equal the golden
 * {@code <name>.expected.json} next to it.
 */
class CompleteDocumentsTest {
  private static final Path DIR = Path.of("src/test/resources/documents");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> everyDocumentGivesItsGoldenEvaluations() throws Exception {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .filter(p -> !p.getFileName().toString().endsWith(".expected.json"))
          .filter(p -> p.toString().endsWith(".json") || p.toString().endsWith(".yaml"))
          .sorted()
          .toList()
          .stream()
          .map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), p.toUri(), () -> check(p)));
    }
  }

  private static void check(Path input) throws Exception {
    SnapshotReader reader = new SnapshotReader(Instant.parse("2026-11-29T12:00:00Z"));
    reader.add(input.getFileName().toString(), Files.readAllBytes(input));
    RuleEngine engine =
        new RuleEngine(
            Rules.all(), new ConfigurationLoader(Catalog.bundled(), Rules.all()).defaults());
    ArrayNode out = JSON.createArrayNode();
    List<Snapshot> snapshots = reader.snapshots();
    for (Snapshot s : snapshots) {
      for (Evaluation e : engine.evaluate(s)) {
        ObjectNode row = out.addObject();
        row.put("ruleId", e.ruleId());
        row.put("resourceId", e.resource().id());
        row.put("subject", e.subject());
        row.put("status", e.status().name());
        row.put("reason", e.reason());
      }
    }
    String name = input.getFileName().toString();
    Golden.assertMatches(
        input.resolveSibling(name.substring(0, name.lastIndexOf('.')) + ".expected.json"), out);
  }
}
