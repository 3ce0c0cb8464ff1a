package dev.containerwatch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.Status;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.RuleCase;
import dev.containerwatch.testing.RuleCases;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fails the build when the catalog and the rules drift apart: an id missing or duplicated, a
 * recommendation without a rule (beyond those still pending, which must shrink), a rule without
 * file cases.
 */
class CatalogCompletenessTest {

  /**
   * Recommendations whose rules are not written yet. Each must have no rule: implementing one means
   * removing it here.
   */
  static final Set<String> PENDING = Set.of();

  private final Catalog catalog = Catalog.bundled();
  private final List<Rule> rules = Rules.all();

  @Test
  void catalogHasAllFiftyFiveRecommendationsOnce() {
    List<String> ids = catalog.all().stream().map(Recommendation::id).toList();
    assertThat(ids).hasSize(55).doesNotHaveDuplicates();
    assertThat(ids).allMatch(id -> id.matches("[a-z0-9]+\\.[a-z0-9-]+"), "ids are family.name");
  }

  @Test
  void everyRecommendationHasOwnTexts() {
    for (Recommendation r : catalog.all()) {
      assertThat(r.description()).as("description of %s", r.id()).hasSizeGreaterThan(60);
      assertThat(r.remediation()).as("remediation of %s", r.id()).hasSizeGreaterThan(40);
      assertThat(r.titleJa()).as("Japanese title of %s", r.id()).isNotBlank();
    }
  }

  @Test
  void supersededByNamesAnotherRecommendation() {
    for (Recommendation r : catalog.all()) {
      if (r.supersededBy() != null) {
        assertThat(catalog.contains(r.supersededBy())).as("supersededBy of %s", r.id()).isTrue();
      }
    }
  }

  @Test
  void ruleIdsAreUniqueAndInTheCatalog() {
    List<String> ruleIds = rules.stream().map(Rule::id).toList();
    assertThat(ruleIds).doesNotHaveDuplicates();
    for (Rule rule : rules) {
      assertThat(catalog.contains(rule.id())).as("catalog entry for rule %s", rule.id()).isTrue();
    }
  }

  @Test
  void everyRecommendationHasARuleUnlessPending() {
    Set<String> implemented = rules.stream().map(Rule::id).collect(Collectors.toSet());
    Set<String> missing = new TreeSet<>();
    Set<String> pendingButDone = new TreeSet<>();
    for (Recommendation r : catalog.all()) {
      boolean pending = PENDING.contains(r.id());
      if (!pending && !implemented.contains(r.id())) {
        missing.add(r.id());
      }
      if (pending && implemented.contains(r.id())) {
        pendingButDone.add(r.id());
      }
    }
    assertThat(missing).as("recommendations without a rule").isEmpty();
    assertThat(pendingButDone).as("implemented, so remove from PENDING").isEmpty();
    assertThat(catalog.all().stream().map(Recommendation::id).collect(Collectors.toSet()))
        .containsAll(PENDING);
  }

  @Test
  void everyControlPlaneRecommendationIsImplemented() {
    Set<String> implemented = rules.stream().map(Rule::id).collect(Collectors.toSet());
    for (Recommendation r : catalog.all()) {
      if (r.category() == Category.CONTROL_PLANE) {
        assertThat(implemented).as("rule for %s", r.id()).contains(r.id());
      }
    }
  }

  @Test
  void everyRuleHasPassingAndFailingFileCases() {
    for (Rule rule : rules) {
      List<RuleCase> cases = RuleCases.of(rule.id());
      assertThat(cases).as("file cases of %s", rule.id()).isNotEmpty();
      assertThat(cases.stream().anyMatch(c -> c.expects(Status.PASSED)))
          .as("a PASSED case for %s", rule.id())
          .isTrue();
      assertThat(cases.stream().anyMatch(c -> c.expects(Status.FAILED)))
          .as("a FAILED case for %s", rule.id())
          .isTrue();
    }
  }

  @Test
  void everyCasesFolderBelongsToARule() {
    Set<String> ruleIds = new HashSet<>(rules.stream().map(Rule::id).toList());
    assertThat(RuleCases.ruleIds()).allMatch(ruleIds::contains, "a rule id");
  }
}
