package dev.containerwatch.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.Rules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigurationLoaderTest {
  private static final Path DIR = Path.of("src/test/resources/config");

  /** A rule with parameters of several kinds, to exercise their validation. */
  static final Rule WITH_PARAMETERS =
      new Rule() {
        @Override
        public String id() {
          return "test.parameters";
        }

        @Override
        public ResourceType resourceType() {
          return ResourceType.AKS_CLUSTER;
        }

        @Override
        public List<ParameterSpec> parameters() {
          return List.of(
              ParameterSpec.integer("retentionDays", 365, "days")
                  .checkedBy(
                      v -> v.asInt() < 0 || v.asInt() > 3650 ? "must be between 0 and 3650" : null),
              ParameterSpec.stringList("namespaces", List.of("kube-system"), "namespaces"));
        }

        @Override
        public List<Verdict> evaluate(Snapshot snapshot, RuleParameters parameters) {
          return List.of(Verdict.passed("test"));
        }
      };

  private final ConfigurationLoader loader = new ConfigurationLoader(Catalog.bundled(), rules());

  private static List<Rule> rules() {
    List<Rule> rules = new ArrayList<>(Rules.all());
    rules.add(WITH_PARAMETERS);
    return rules;
  }

  @Test
  void defaultsEnableEveryRuleButTheOffByDefaultOnesWithAuditEffect() {
    Configuration c = loader.defaults();
    assertThat(c.isEnabled("aks.rbac")).isTrue();
    assertThat(c.settings("aks.rbac").effect()).isEqualTo(Effect.AUDIT);
    assertThat(c.settings("test.parameters").parameters().integer("retentionDays")).isEqualTo(365);
  }

  @Test
  void emptyDocumentGivesTheDefaults() {
    Configuration c = loader.load(DIR.resolve("empty.yaml"));
    assertThat(c.all()).isEqualTo(loader.defaults().all());
  }

  @Test
  void yamlAndJsonFormsGiveTheSameConfiguration() {
    Configuration yaml = loader.load(DIR.resolve("full.yaml"));
    Configuration json = loader.load(DIR.resolve("full.json"));
    for (Configuration c : List.of(yaml, json)) {
      assertThat(c.isEnabled("aks.rbac")).isFalse();
      RuleParameters p = c.settings("test.parameters").parameters();
      assertThat(p.integer("retentionDays")).isEqualTo(90);
      assertThat(p.strings("namespaces")).containsExactly("kube-system", "monitoring");
      assertThat(c.admission()).isEqualTo(new AdmissionSettings(Duration.ofMillis(1500), true));
    }
    assertThat(yaml.all().keySet()).isEqualTo(json.all().keySet());
  }

  @Test
  void admissionDefaultsToTwoSecondsFailingOpen() {
    Configuration c = loader.load(DIR.resolve("empty.yaml"));
    assertThat(c.admission().timeBudget()).isEqualTo(Duration.ofSeconds(2));
    assertThat(c.admission().failClosed()).isFalse();
    assertThat(c.enforcesAdmission()).isFalse();
    assertThat(loader.load(DIR.resolve("full.yaml")).enforcesAdmission()).isTrue();
  }

  @Test
  void configuredValuesAreMergedOverDefaults() {
    Configuration c = loader.load(DIR.resolve("full.yaml"));
    assertThat(loader.defaults().isEnabled("acr.customer-managed-key")).isFalse();
    assertThat(c.isEnabled("acr.customer-managed-key")).isTrue();
    assertThat(c.settings("acr.customer-managed-key").effect()).isEqualTo(Effect.DENY);
    // test.parameters was not given 'enabled': its default (on) stays.
    assertThat(c.isEnabled("test.parameters")).isTrue();
  }

  static Stream<Path> invalidDocuments() throws IOException {
    try (Stream<Path> files = Files.list(DIR.resolve("invalid"))) {
      return files.filter(f -> !f.toString().endsWith(".error")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidDocuments")
  void invalidDocumentsAreRejectedWithAMessageNamingTheKey(Path file) throws IOException {
    String expected = expectedError(file);
    assertThatThrownBy(() -> loader.load(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("configuration (" + file + "): ")
        .hasMessageContaining(expected)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private static String expectedError(Path file) throws IOException {
    Path sidecar = file.resolveSibling(file.getFileName() + ".error");
    if (Files.exists(sidecar)) {
      return Files.readString(sidecar).strip();
    }
    String first = Files.readAllLines(file).get(0);
    assertThat(first).as("first line of %s names the expected error", file).startsWith("# error: ");
    return first.substring("# error: ".length()).strip();
  }

  @Test
  void environmentInlineDocumentIsRead() {
    Configuration c =
        loader.fromEnvironment(
            Map.of(
                ConfigurationLoader.ENV_INLINE,
                "{\"rules\": {\"aks.rbac\": {\"enabled\": false}}}"));
    assertThat(c.isEnabled("aks.rbac")).isFalse();
  }

  @Test
  void environmentFileIsRead() {
    Configuration c =
        loader.fromEnvironment(
            Map.of(ConfigurationLoader.ENV_FILE, DIR.resolve("full.yaml").toString()));
    assertThat(c.isEnabled("aks.rbac")).isFalse();
  }

  @Test
  void environmentWithoutConfigurationGivesDefaults() {
    assertThat(loader.fromEnvironment(Map.of()).all()).isEqualTo(loader.defaults().all());
  }

  @Test
  void environmentWithBothVariablesIsRejected() {
    assertThatThrownBy(
            () ->
                loader.fromEnvironment(
                    Map.of(
                        ConfigurationLoader.ENV_INLINE,
                        "{}",
                        ConfigurationLoader.ENV_FILE,
                        "x.yaml")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("not both");
  }

  @Test
  void missingFileIsReportedByName() {
    assertThatThrownBy(() -> loader.load(DIR.resolve("does-not-exist.yaml")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("does-not-exist.yaml")
        .hasMessageContaining("cannot read");
  }

  @Test
  void recommendationWithoutRuleIsNamedAsSuch() {
    ConfigurationLoader withoutRbac =
        new ConfigurationLoader(
            Catalog.bundled(),
            Rules.all().stream().filter(r -> !r.id().equals("aks.rbac")).toList());
    assertThatThrownBy(() -> withoutRbac.parse("rules: {aks.rbac: {enabled: true}}", "inline"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("rules[aks.rbac]: this recommendation is not implemented yet");
  }

  @Test
  void parameterValuesKeepTheirJsonShape() {
    Configuration c = loader.load(DIR.resolve("full.yaml"));
    JsonNode namespaces = c.settings("test.parameters").parameters().node("namespaces");
    assertThat(namespaces.isArray()).isTrue();
  }
}
