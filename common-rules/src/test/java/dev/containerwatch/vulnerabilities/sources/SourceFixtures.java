package dev.containerwatch.vulnerabilities.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.containerwatch.testing.Golden;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The fixture folders of the source parsers: valid documents with golden models, and invalid/. */
final class SourceFixtures {
  static final Path ROOT = Path.of("src/test/resources/vulnerabilities");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SourceFixtures() {}

  /** The valid documents of a format: {@code <format>/*.json} but the golden files. */
  static List<Path> valid(String format) {
    return list(ROOT.resolve(format));
  }

  /** The malformed documents of a format: {@code <format>/invalid/*.json}. */
  static List<Path> invalid(String format) {
    return list(ROOT.resolve(format).resolve("invalid"));
  }

  /** The valid documents of every format but one, for {@code accepts}. */
  static List<Path> validOfOtherFormats(String format) {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory)
          .filter(d -> !d.getFileName().toString().equals(format))
          .sorted()
          .flatMap(d -> list(d).stream())
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

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

  /** The reports' JSON forms, as an array, must equal {@code <name>.expected.json}. */
  static void assertGolden(Path document, List<VulnerabilityReport> reports) throws IOException {
    ArrayNode actual = JsonNodeFactory.instance.arrayNode();
    reports.forEach(r -> actual.add(r.toJson()));
    String name = document.getFileName().toString();
    Golden.assertMatches(document.resolveSibling(name.replace(".json", ".expected.json")), actual);
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(f -> f.toString().endsWith(".json") && !f.toString().endsWith(".expected.json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
