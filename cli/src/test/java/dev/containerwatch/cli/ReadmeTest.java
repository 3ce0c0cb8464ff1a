package dev.containerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.catalog.Recommendation;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.config.Effect;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.rules.Rules;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The README is the front door: its recommendation table and commands must stay true. */
class ReadmeTest {
  private static final Path README = Path.of("../README.md");
  private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\|.*\\| ([^|]+) \\|$");

  @Test
  void recommendationTableListsEveryRecommendationWithItsStatus() throws Exception {
    Map<String, String> statusById = new HashMap<>();
    for (String line : Files.readAllLines(README)) {
      Matcher m = ROW.matcher(line);
      if (m.matches()) {
        statusById.put(m.group(1), m.group(2).strip());
      }
    }
    Set<String> implemented = Rules.all().stream().map(Rule::id).collect(Collectors.toSet());
    List<Recommendation> all = Catalog.bundled().all();
    assertThat(statusById.keySet())
        .containsExactlyInAnyOrderElementsOf(all.stream().map(Recommendation::id).toList());
    for (Recommendation r : all) {
      String expected =
          !implemented.contains(r.id())
              ? "planned"
              : r.defaultOff() ? "implemented (off by default)" : "implemented";
      assertThat(statusById.get(r.id())).as("README status of %s", r.id()).isEqualTo(expected);
    }
  }

  @Test
  void parameterTableListsEveryRuleParameterWithItsDefault() throws Exception {
    String readme = Files.readString(README);
    String table =
        readme.substring(
            readme.indexOf("<!-- parameters-table:start -->"),
            readme.indexOf("<!-- parameters-table:end -->"));
    Set<String> common =
        Set.of(
            "excludedNamespaces",
            "namespaces",
            "labelSelector",
            "excludedContainers",
            "excludedImages");
    for (Rule rule : Rules.all()) {
      for (ParameterSpec p : rule.parameters()) {
        if (!common.contains(p.name())) {
          assertThat(table)
              .as("README row for %s %s", rule.id(), p.name())
              .contains(
                  "| `" + rule.id() + "` | `" + p.name() + "` | `" + p.defaultValue() + "` |");
        }
      }
    }
  }

  @Test
  void configurationExampleIsValid() throws Exception {
    String readme = Files.readString(README);
    int section = readme.indexOf("## Configuration");
    int start = readme.indexOf("```yaml\n", section) + "```yaml\n".length();
    String yaml = readme.substring(start, readme.indexOf("```", start));
    Configuration c = new ConfigurationLoader(Catalog.bundled(), Rules.all()).parse(yaml, "README");
    assertThat(c.isEnabled("acr.customer-managed-key")).isTrue();
    assertThat(c.settings("k8s.no-privileged-containers").effect()).isEqualTo(Effect.DENY);
  }

  @Test
  void testCommandIsWhatCiRuns() throws Exception {
    String readme = Files.readString(README);
    String ci = Files.readString(Path.of("../.ci/run"));
    // The infra module's checks need their npm parser, installed before the build in both.
    String command = "npm ci --prefix infra/tests && mvn -B verify";
    assertThat(readme).contains("```bash\n" + command + "\n```");
    assertThat(ci).contains("\n" + command + "\n");
  }

  @Test
  void firstCommandBuildsThenReplaysEverySampleThroughTheHandlers() throws Exception {
    String readme = Files.readString(README);
    int start = readme.indexOf("```bash\n") + "```bash\n".length();
    String first = readme.substring(start, readme.indexOf("```", start)).strip();
    assertThat(first)
        .isEqualTo(
            "mvn -B -q install -DskipTests && java -jar cli/target/containerwatch.jar replay"
                + " events-samples");
    String[] args = first.substring(first.indexOf("containerwatch.jar ") + 19).split(" ");
    args[args.length - 1] = "../" + args[args.length - 1];
    CliRun run = CliRun.of(args);
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("SAMPLE ");
    for (String source : List.of("aws/", "azure/", "gcp/", "kubernetes/", "dockerhub/")) {
      assertThat(run.out()).as(source).containsPattern("(?m)^" + source + "\\S+ +FAILED ");
    }
  }

  @Test
  void tryItOnYourOwnClusterScansWhatTheToolsPrint() throws Exception {
    String readme = Files.readString(README);
    int section = readme.indexOf("## Try it on your own cluster");
    assertThat(section).isPositive();
    String text = readme.substring(section, readme.indexOf("\n## ", section + 1));
    assertThat(text)
        .contains("aws eks describe-cluster")
        .contains("gcloud container clusters describe")
        .contains("--format=json")
        .contains("az resource show")
        .contains("kubectl get")
        .contains("-A -o json")
        .contains("containerwatch.jar scan");
  }

  @Test
  void reliabilitySectionNamesEveryFuzzTestAndTheLimitsInForce() throws Exception {
    String readme = Files.readString(README);
    String section =
        readme.substring(readme.indexOf("## Reliability"), readme.indexOf("## Project layout"));
    List<String> fuzzTests;
    try (Stream<Path> files = Files.walk(Path.of("../common-rules/src/test/java"))) {
      fuzzTests =
          files
              .map(f -> f.getFileName().toString())
              .filter(n -> n.endsWith("FuzzTest.java"))
              .map(n -> n.substring(0, n.length() - ".java".length()))
              .toList();
    }
    assertThat(fuzzTests).isNotEmpty();
    for (String test : fuzzTests) {
      assertThat(section).as("README names %s", test).contains("`" + test + "`");
    }
    assertThat(SnapshotReader.MAX_INPUT_BYTES).isEqualTo(32 * 1024 * 1024);
    assertThat(ConfigurationLoader.MAX_SIZE).isEqualTo(1024 * 1024);
    assertThat(InvalidInputException.MAX_MESSAGE_LENGTH).isEqualTo(2000);
    assertThat(section).contains("32 MiB", "1 MiB", "2,000");
  }
}
