package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.testing.Golden;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * The fixture layout shared by the source parsers' tests: {@code vulnerabilities/<format>/} holds
 * valid documents {@code <name>.json} with their golden {@code <name>.expected.json} (the reports'
 * {@code toJson()}, as an array), and {@code invalid/} malformed ones.
 */
final class SourceFixtures {
  static final Path ROOT = Path.of("src/test/resources/vulnerabilities");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EXPECTED = ".expected.json";

  private SourceFixtures() {}

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(String format, String name) {
    return read(ROOT.resolve(format).resolve(name));
  }

  /** The valid documents of a format (not the goldens, not {@code invalid/}), sorted. */
  static List<Path> valid(String format) {
    return list(ROOT.resolve(format), p -> !p.getFileName().toString().endsWith(EXPECTED));
  }

  static List<Path> invalid(String format) {
    return list(ROOT.resolve(format).resolve("invalid"), p -> true);
  }

  /** The valid documents of every other format in the fixture tree. */
  static List<Path> otherFormats(String format) {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(ROOT)) {
      for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
        if (!dir.getFileName().toString().equals(format)) {
          out.addAll(valid(dir.getFileName().toString()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static List<Path> list(Path dir, Predicate<Path> keep) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".json"))
          .filter(keep)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static ArrayNode toJson(List<VulnerabilityReport> reports) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    reports.forEach(r -> out.add(r.toJson()));
    return out;
  }

  /**
   * One test per valid document: its reports must equal its golden file, and read back from their
   * JSON form to the same reports.
   */
  static Stream<DynamicTest> goldenTests(
      String format, Function<JsonNode, List<VulnerabilityReport>> parser) {
    return goldenTests(format, (file, document) -> parser.apply(document), Set.of());
  }

  /**
   * {@link #goldenTests(String, Function)} for a parser that also takes what the caller knows about
   * the file (a region the document does not name).
   *
   * @param notReadBack the documents whose reports are known not to read back from their JSON form
   *     to the same reports: only their goldens are compared
   */
  static Stream<DynamicTest> goldenTests(
      String format,
      BiFunction<Path, JsonNode, List<VulnerabilityReport>> parser,
      Set<String> notReadBack) {
    List<Path> files = valid(format);
    assertThat(files).as("fixtures of %s", format).isNotEmpty();
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () -> {
                      String name = file.getFileName().toString();
                      Path expected =
                          file.resolveSibling(
                              name.substring(0, name.length() - ".json".length()) + EXPECTED);
                      List<VulnerabilityReport> reports = parser.apply(file, read(file));
                      ArrayNode json = toJson(reports);
                      for (JsonNode report :
                          notReadBack.contains(name) ? List.<JsonNode>of() : json) {
                        // The canonical form must read back to the same report.
                        assertThat(VulnerabilityReport.fromJson(report).toJson()).isEqualTo(report);
                      }
                      Golden.assertMatches(expected, json);
                    }));
  }

  /**
   * One test per file of {@code invalid/}: each must have its expected message (after the format's
   * {@code prefix}), and the parser must fail with exactly that {@link InvalidInputException}.
   */
  static Stream<DynamicTest> invalidTests(
      String format,
      Function<JsonNode, List<VulnerabilityReport>> parser,
      String prefix,
      Map<String, String> messages) {
    List<Path> files = invalid(format);
    TreeSet<String> names = new TreeSet<>();
    files.forEach(f -> names.add(f.getFileName().toString()));
    assertThat(names)
        .as("invalid fixtures of %s", format)
        .isEqualTo(new TreeSet<>(messages.keySet()));
    return files.stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () ->
                        assertThatThrownBy(() -> parser.apply(read(file)))
                            .isExactlyInstanceOf(InvalidInputException.class)
                            .hasMessage(prefix + messages.get(file.getFileName().toString()))));
  }

  /** {@code accepts} must be true for the format's own documents and false for the others'. */
  static Stream<DynamicTest> acceptsTests(String format, Predicate<JsonNode> accepts) {
    List<Path> otherFormats = otherFormats(format);
    assertThat(otherFormats).as("fixtures of formats other than %s", format).isNotEmpty();
    Stream<DynamicTest> own =
        valid(format).stream()
            .map(
                f ->
                    DynamicTest.dynamicTest(
                        "accepts " + format + "/" + f.getFileName(),
                        () -> assertThat(accepts.test(read(f))).isTrue()));
    Stream<DynamicTest> others =
        otherFormats.stream()
            .map(
                f ->
                    DynamicTest.dynamicTest(
                        "rejects " + ROOT.relativize(f),
                        () -> assertThat(accepts.test(read(f))).isFalse()));
    return Stream.concat(own, others);
  }

  /**
   * Every format's recogniser: {@link VulnerabilitySources} puts any document to each in turn, so
   * none may fail on another format's document, however malformed.
   */
  private static final List<Predicate<JsonNode>> ACCEPTS =
      List.of(
          TrivyReport::accepts,
          GrypeReport::accepts,
          EcrScanFindings::accepts,
          EcrImageScanEvent::accepts,
          InspectorFindings::accepts,
          ArtifactAnalysisOccurrences::accepts,
          DefenderSubAssessments::accepts);

  /**
   * For each valid document, every node replaced in turn by each of {@link #REPLACEMENTS} (and
   * removed): the parser may accept the result or refuse it with an {@link InvalidInputException}
   * of one line, nothing else, and every format's {@code accepts} must answer. Some of the variants
   * must be refused: the mutations reach the parser's checks.
   */
  static Stream<DynamicTest> robustnessTests(
      String format, Function<JsonNode, List<VulnerabilityReport>> parser) {
    return valid(format).stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    "mutations of " + file.getFileName(),
                    () -> {
                      JsonNode original = read(file);
                      int[] count = {0};
                      int[] refused = {0};
                      mutate(
                          original,
                          original,
                          variant -> {
                            count[0]++;
                            try {
                              ACCEPTS.forEach(accepts -> accepts.test(variant));
                            } catch (RuntimeException e) {
                              fail("%s from accepts on %s", e, excerpt(variant));
                            }
                            try {
                              parser.apply(variant);
                            } catch (InvalidInputException expected) {
                              refused[0]++;
                              assertThat(expected.getMessage()).doesNotContain("\n");
                            } catch (RuntimeException e) {
                              fail("%s on %s", e, excerpt(variant));
                            }
                          });
                      assertThat(count[0]).isPositive();
                      assertThat(refused[0]).isPositive();
                    }));
  }

  private static String excerpt(JsonNode document) {
    String text = document.toString();
    return text.substring(0, Math.min(text.length(), 300));
  }

  /**
   * A value of each JSON type, and edge values: an empty string, a placeholder ({@code "N/A"}, as
   * Inspector writes for a resource's region), a negative and a huge number, and a number in a
   * string too large to scale.
   */
  private static final List<JsonNode> REPLACEMENTS =
      List.of(
          JsonNodeFactory.instance.nullNode(),
          JsonNodeFactory.instance.numberNode(7),
          JsonNodeFactory.instance.numberNode(-1),
          JsonNodeFactory.instance.numberNode(1e308),
          JsonNodeFactory.instance.textNode("x"),
          JsonNodeFactory.instance.textNode(""),
          JsonNodeFactory.instance.textNode("N/A"),
          JsonNodeFactory.instance.textNode("1e999999999"),
          JsonNodeFactory.instance.booleanNode(true),
          JsonNodeFactory.instance.arrayNode(),
          JsonNodeFactory.instance.objectNode());

  /**
   * Calls {@code check} with {@code root} where one node below {@code node} changed, restoring it
   * afterwards (the parsers do not modify their input).
   */
  private static void mutate(
      JsonNode root, JsonNode node, java.util.function.Consumer<JsonNode> check) {
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      for (String field : new ArrayList<>(toList(object.fieldNames()))) {
        JsonNode saved = object.get(field);
        object.remove(field);
        check.accept(root);
        for (JsonNode replacement : REPLACEMENTS) {
          object.set(field, replacement);
          check.accept(root);
        }
        object.set(field, saved);
        mutate(root, saved, check);
      }
    } else if (node.isArray()) {
      ArrayNode array = (ArrayNode) node;
      for (int i = 0; i < array.size(); i++) {
        JsonNode saved = array.get(i);
        for (JsonNode replacement : REPLACEMENTS) {
          array.set(i, replacement);
          check.accept(root);
        }
        array.set(i, saved);
        mutate(root, saved, check);
      }
    }
  }

  private static List<String> toList(java.util.Iterator<String> names) {
    List<String> out = new ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
