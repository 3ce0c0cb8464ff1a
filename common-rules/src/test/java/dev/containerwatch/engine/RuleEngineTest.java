package dev.containerwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class RuleEngineTest {
  private static final Snapshot AKS =
      Snapshot.of(
          new ResourceRef(
              ResourceType.AKS_CLUSTER,
              "/subscriptions/s/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c",
              "s",
              "westeurope",
              "c"),
          JsonNodeFactory.instance.objectNode(),
          Instant.parse("2026-11-29T12:00:00Z"));

  /** A rule whose behaviour the test chooses; its id must be a catalog id. */
  private static Rule rule(String id, ResourceType type, Function<Snapshot, List<Verdict>> body) {
    return new Rule() {
      @Override
      public String id() {
        return id;
      }

      @Override
      public ResourceType resourceType() {
        return type;
      }

      @Override
      public List<Verdict> evaluate(Snapshot snapshot, RuleParameters parameters) {
        return body.apply(snapshot);
      }
    };
  }

  private static Configuration configuration(List<Rule> rules, String yaml) {
    return new ConfigurationLoader(Catalog.bundled(), rules).parse(yaml, "test");
  }

  @Test
  void anExceptionInOneRuleIsUnknownForThatRuleAndTheOthersStillRun() {
    List<Rule> rules =
        List.of(
            rule(
                "aks.rbac",
                ResourceType.AKS_CLUSTER,
                s -> {
                  throw new IllegalStateException("boom");
                }),
            rule(
                "aks.defender-profile",
                ResourceType.AKS_CLUSTER,
                s -> List.of(Verdict.failed("off"))));
    List<Evaluation> results = new RuleEngine(rules, configuration(rules, "{}")).evaluate(AKS);
    assertThat(results)
        .extracting(Evaluation::ruleId)
        .containsExactly("aks.rbac", "aks.defender-profile");
    assertThat(results.get(0).status()).isEqualTo(Status.UNKNOWN);
    assertThat(results.get(0).reason()).isEqualTo("rule failed: IllegalStateException: boom");
    assertThat(results.get(1).status()).isEqualTo(Status.FAILED);
  }

  @Test
  void onlyRulesOfTheSnapshotsTypeRun() {
    List<Rule> rules =
        List.of(
            rule("aks.rbac", ResourceType.AKS_CLUSTER, s -> List.of(Verdict.passed("on"))),
            rule("gke.logging", ResourceType.GKE_CLUSTER, s -> List.of(Verdict.passed("on"))));
    List<Evaluation> results = new RuleEngine(rules, configuration(rules, "{}")).evaluate(AKS);
    assertThat(results).extracting(Evaluation::ruleId).containsExactly("aks.rbac");
  }

  @Test
  void disabledRulesDoNotRunAndOffByDefaultRulesRunOnlyWhenEnabled() {
    List<Rule> rules =
        List.of(
            rule("aks.rbac", ResourceType.AKS_CLUSTER, s -> List.of(Verdict.passed("on"))),
            rule(
                "acr.customer-managed-key",
                ResourceType.AKS_CLUSTER,
                s -> List.of(Verdict.passed("cmk"))));
    assertThat(new RuleEngine(rules, configuration(rules, "{}")).evaluate(AKS))
        .extracting(Evaluation::ruleId)
        .containsExactly("aks.rbac");
    Configuration flipped =
        configuration(
            rules,
            "rules: {aks.rbac: {enabled: false}, acr.customer-managed-key: {enabled: true}}");
    assertThat(new RuleEngine(rules, flipped).evaluate(AKS))
        .extracting(Evaluation::ruleId)
        .containsExactly("acr.customer-managed-key");
  }

  @Test
  void everyVerdictOfARuleBecomesAnEvaluationWithItsSubject() {
    List<Rule> rules =
        List.of(
            rule(
                "aks.rbac",
                ResourceType.AKS_CLUSTER,
                s -> List.of(Verdict.failed("a").about("one"), Verdict.passed("b").about("two"))));
    List<Evaluation> results = new RuleEngine(rules, configuration(rules, "{}")).evaluate(AKS);
    assertThat(results)
        .extracting(Evaluation::subject, Evaluation::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("one", Status.FAILED),
            org.assertj.core.groups.Tuple.tuple("two", Status.PASSED));
    assertThat(results).allMatch(e -> e.resource().equals(AKS.resource()));
  }

  @Test
  void aRuleThatReturnsNothingIsUnknown() {
    List<Rule> rules = List.of(rule("aks.rbac", ResourceType.AKS_CLUSTER, s -> List.of()));
    assertThat(new RuleEngine(rules, configuration(rules, "{}")).evaluate(AKS))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(Status.UNKNOWN));
  }
}
