package dev.containerwatch.config;

import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.catalog.Recommendation;
import dev.containerwatch.engine.Rule;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The effective configuration: for every rule, whether it runs, its admission effect and its
 * parameters. Built by {@link ConfigurationLoader} from built-in defaults with one configuration
 * document over them.
 *
 * <p>Defaults: every rule is on except the catalog's "(Enable if required)" ones; the effect is
 * {@code audit}; parameters take the values Defender uses; the admission webhook answers within two
 * seconds and fails open ({@link AdmissionSettings#DEFAULTS}).
 */
public final class Configuration {
  private final Map<String, RuleSettings> rules;
  private final AdmissionSettings admission;

  Configuration(Map<String, RuleSettings> rules, AdmissionSettings admission) {
    this.rules = Collections.unmodifiableMap(rules);
    this.admission = admission;
  }

  /** The built-in defaults for {@code rules}. */
  public static Configuration defaults(Catalog catalog, List<Rule> rules) {
    Map<String, RuleSettings> settings = new LinkedHashMap<>();
    for (Rule rule : rules) {
      settings.put(rule.id(), defaultSettings(catalog, rule));
    }
    return new Configuration(settings, AdmissionSettings.DEFAULTS);
  }

  static RuleSettings defaultSettings(Catalog catalog, Rule rule) {
    boolean defaultOff = catalog.find(rule.id()).map(Recommendation::defaultOff).orElse(false);
    return new RuleSettings(!defaultOff, Effect.AUDIT, RuleParameters.defaults(rule.parameters()));
  }

  public boolean isEnabled(String ruleId) {
    RuleSettings s = rules.get(ruleId);
    return s != null && s.enabled();
  }

  /** The rule's settings; throws for an id that is not a rule. */
  public RuleSettings settings(String ruleId) {
    RuleSettings s = rules.get(ruleId);
    if (s == null) {
      throw new IllegalArgumentException("no rule with id " + ruleId);
    }
    return s;
  }

  public Map<String, RuleSettings> all() {
    return rules;
  }

  /** The admission webhook's time budget and failure policy. */
  public AdmissionSettings admission() {
    return admission;
  }

  /** Whether any enabled rule denies on the admission path (the webhook then enforces). */
  public boolean enforcesAdmission() {
    return rules.values().stream().anyMatch(s -> s.enabled() && s.effect() == Effect.DENY);
  }
}
