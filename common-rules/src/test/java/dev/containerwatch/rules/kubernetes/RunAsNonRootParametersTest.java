package dev.containerwatch.rules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.rules.Rules;
import org.junit.jupiter.api.Test;

/** The user and group parameters are checked when the configuration loads, not at evaluation. */
class RunAsNonRootParametersTest {
  private final ConfigurationLoader loader =
      new ConfigurationLoader(Catalog.bundled(), Rules.all());

  private RuleParameters load(String parameters) {
    return loader
        .parse("{\"rules\": {\"k8s.run-as-non-root\": {\"parameters\": " + parameters + "}}}", "t")
        .settings("k8s.run-as-non-root")
        .parameters();
  }

  private void rejects(String parameters, String message) {
    assertThatThrownBy(() -> load(parameters))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }

  @Test
  void defaultsAreDefendersValues() {
    RuleParameters p = loader.defaults().settings("k8s.run-as-non-root").parameters();
    assertThat(p.string("runAsUserRule")).isEqualTo("MustRunAsNonRoot");
    assertThat(p.node("runAsUserRanges").toString()).isEqualTo("{\"ranges\":[]}");
    assertThat(p.string("runAsGroupRule")).isEqualTo("MustRunAs");
    assertThat(p.string("supplementalGroupsRule")).isEqualTo("MayRunAs");
    assertThat(p.string("fsGroupRule")).isEqualTo("MayRunAs");
    for (String field : new String[] {"runAsGroup", "supplementalGroups", "fsGroup"}) {
      assertThat(p.node(field + "Ranges").toString())
          .isEqualTo("{\"ranges\":[{\"min\":1,\"max\":-1}]}");
    }
  }

  @Test
  void acceptsValidRulesAndRanges() {
    RuleParameters p =
        load(
            "{\"runAsUserRule\": \"MustRunAs\", \"runAsUserRanges\": {\"ranges\": [{\"min\": 1000,"
                + " \"max\": 65535}, {\"min\": 100000, \"max\": -1}]}, \"fsGroupRule\":"
                + " \"RunAsAny\", \"runAsGroupRanges\": {\"ranges\": [{\"min\": 5, \"max\": 5}]}}");
    assertThat(p.string("runAsUserRule")).isEqualTo("MustRunAs");
  }

  @Test
  void rejectsAnUnknownUserRule() {
    rejects(
        "{\"runAsUserRule\": \"MayRunAs\"}",
        "runAsUserRule: must be one of MustRunAs, MustRunAsNonRoot, RunAsAny, got 'MayRunAs'");
  }

  @Test
  void rejectsAGroupRuleThatOnlyTheUserHas() {
    rejects(
        "{\"runAsGroupRule\": \"MustRunAsNonRoot\"}",
        "runAsGroupRule: must be one of MustRunAs, MayRunAs, RunAsAny");
  }

  @Test
  void ruleNamesAreCaseSensitive() {
    rejects("{\"fsGroupRule\": \"mayrunas\"}", "fsGroupRule: must be one of");
  }

  @Test
  void rejectsMinAboveMax() {
    rejects(
        "{\"runAsUserRanges\": {\"ranges\": [{\"min\": 1, \"max\": 65535}, {\"min\": 2000,"
            + " \"max\": 1000}]}}",
        "runAsUserRanges: ranges[1]: min 2000 is above max 1000");
  }

  @Test
  void rejectsARangeWithoutMax() {
    rejects(
        "{\"fsGroupRanges\": {\"ranges\": [{\"min\": 1}]}}",
        "fsGroupRanges: ranges[0] must be {min: <integer>, max: <integer>}");
  }

  @Test
  void rejectsTextBounds() {
    rejects(
        "{\"runAsGroupRanges\": {\"ranges\": [{\"min\": \"1\", \"max\": \"-1\"}]}}",
        "runAsGroupRanges: ranges[0] must be {min: <integer>, max: <integer>}");
  }

  @Test
  void rejectsAMisspelledKey() {
    rejects(
        "{\"supplementalGroupsRanges\": {\"range\": [{\"min\": 1, \"max\": -1}]}}",
        "supplementalGroupsRanges: unknown key 'range'");
  }

  @Test
  void rejectsTheBareListForm() {
    rejects(
        "{\"fsGroupRanges\": [{\"min\": 1, \"max\": -1}]}", "fsGroupRanges: expected an object");
  }
}
