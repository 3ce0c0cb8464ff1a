package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parsers raise only {@link InvalidInputException}: every node of every valid fixture is replaced
 * in turn by values of the wrong type (and removed), and each parser must either read the result or
 * refuse it with that exception, never fail otherwise.
 */
class SourceRobustnessTest {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String REMOVED = " (removed)";

  private static final List<JsonNode> WRONG =
      List.of(
          F.nullNode(),
          F.textNode(""),
          F.textNode("N/A"),
          F.numberNode(-1),
          F.numberNode(1e308),
          F.textNode("1e999999999"),
          F.booleanNode(true),
          F.arrayNode(),
          F.objectNode());

  private static final Map<String, Function<JsonNode, Object>> PARSERS =
      Map.of(
          "ecr-scan-findings", d -> EcrScanFindings.parse(d, "eu-west-1"),
          "ecr-image-scan-event", EcrImageScanEvent::parse,
          "inspector-findings", InspectorFindings::parse);

  @TestFactory
  Stream<DynamicTest> everyMutationOfEveryFixtureIsReadOrRefusedCleanly() {
    return PARSERS.entrySet().stream()
        .flatMap(
            parser ->
                SourceFixtures.valid(parser.getKey()).stream()
                    .map(
                        file ->
                            DynamicTest.dynamicTest(
                                parser.getKey() + "/" + file.getFileName(),
                                () -> mutateAll(file, parser.getValue()))));
  }

  private static void mutateAll(Path file, Function<JsonNode, Object> parser) {
    JsonNode original = SourceFixtures.read(file);
    List<String> failures = new ArrayList<>();
    int[] mutations = {0};
    int[] refused = {0};
    walk(
        original,
        "",
        (path, replace) -> {
          // A removal is the same whatever the value: once is enough.
          List<JsonNode> values = path.endsWith(REMOVED) ? WRONG.subList(0, 1) : WRONG;
          for (JsonNode wrong : values) {
            JsonNode mutated = original.deepCopy();
            replace.apply(mutated, wrong);
            mutations[0]++;
            try {
              parser.apply(mutated);
              EcrScanFindings.accepts(mutated);
              EcrImageScanEvent.accepts(mutated);
              InspectorFindings.accepts(mutated);
            } catch (InvalidInputException expected) {
              refused[0]++;
              assertThat(expected.getMessage()).doesNotContain("\n");
            } catch (RuntimeException e) {
              failures.add(path + " := " + wrong + ": " + e);
            }
          }
        });
    assertThat(mutations[0]).isPositive();
    // The mutations reach the parsers' checks.
    assertThat(refused[0]).isPositive();
    assertThat(failures).isEmpty();
  }

  /** Replaces the node at a path in a copy of the document; null value removes it. */
  private interface Replace {
    void apply(JsonNode root, JsonNode value);
  }

  private interface Visitor {
    void visit(String path, Replace replace);
  }

  private static void walk(JsonNode node, String path, Visitor visitor) {
    if (node.isObject()) {
      node.fieldNames()
          .forEachRemaining(
              name -> {
                String child = path + "/" + name;
                visitor.visit(
                    child,
                    (root, value) ->
                        ((ObjectNode) root.at(path.isEmpty() ? "" : path)).set(name, value));
                visitor.visit(
                    child + REMOVED,
                    (root, value) ->
                        ((ObjectNode) root.at(path.isEmpty() ? "" : path)).remove(name));
                walk(node.get(name), child, visitor);
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        int index = i;
        String child = path + "/" + i;
        visitor.visit(child, (root, value) -> ((ArrayNode) root.at(path)).set(index, value));
        walk(node.get(i), child, visitor);
      }
    }
  }
}
