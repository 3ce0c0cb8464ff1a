package dev.containerwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the file cases of every rule: one folder per rule id under {@code
 * src/test/resources/cases}, one YAML file per case (see {@link RuleCase}).
 */
public final class RuleCases {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  /** The cases folder of this module. */
  public static final Path ROOT = Path.of("src/test/resources/cases");

  private RuleCases() {}

  /** The rule ids that have a cases folder. */
  public static List<String> ruleIds() {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every case of one rule, sorted by file name. */
  public static List<RuleCase> of(String ruleId) {
    Path dir = ROOT.resolve(ruleId);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<RuleCase> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        JsonNode root = YAML.readTree(f.toFile());
        out.add(RuleCase.from(ruleId, f, root));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
