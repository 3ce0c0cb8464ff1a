package dev.containerwatch.engine;

import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.config.RuleSettings;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs every enabled rule that applies to a snapshot's type and returns one {@link Evaluation} per
 * rule and subject. An exception in one rule yields {@code UNKNOWN} for that rule, with the error,
 * and never stops the others.
 *
 * <pre>{@code
 * RuleEngine engine = new RuleEngine(Rules.all(), configuration);
 * List<Evaluation> results = engine.evaluate(snapshot);
 * }</pre>
 */
public final class RuleEngine {
  /** A rule with its configured parameters, resolved once. */
  private record Bound(Rule rule, RuleParameters parameters) {}

  private final Map<ResourceType, List<Bound>> boundByType = new EnumMap<>(ResourceType.class);
  private final Map<ResourceType, List<Rule>> rulesByType = new EnumMap<>(ResourceType.class);

  public RuleEngine(List<Rule> rules, Configuration configuration) {
    for (Rule rule : rules) {
      if (configuration.isEnabled(rule.id())) {
        RuleSettings settings = configuration.settings(rule.id());
        boundByType
            .computeIfAbsent(rule.resourceType(), t -> new ArrayList<>())
            .add(new Bound(rule, settings.parameters()));
        rulesByType.computeIfAbsent(rule.resourceType(), t -> new ArrayList<>()).add(rule);
      }
    }
  }

  /** The enabled rules for a type, in registration order. */
  public List<Rule> rulesFor(ResourceType type) {
    return Collections.unmodifiableList(rulesByType.getOrDefault(type, List.of()));
  }

  /**
   * The ids of the enabled rules for a type, in registration order: the rules whose findings a
   * resource of that type may have.
   */
  public List<String> ruleIdsFor(ResourceType type) {
    List<String> ids = new ArrayList<>();
    for (Rule rule : rulesFor(type)) {
      ids.add(rule.id());
    }
    return ids;
  }

  public List<Evaluation> evaluate(Snapshot snapshot) {
    List<Evaluation> out = new ArrayList<>();
    for (Bound bound : boundByType.getOrDefault(snapshot.type(), List.of())) {
      Rule rule = bound.rule();
      List<Verdict> verdicts;
      try {
        if (!rule.appliesTo(snapshot)) {
          continue;
        }
        verdicts = rule.evaluate(snapshot, bound.parameters());
        if (verdicts == null || verdicts.isEmpty()) {
          verdicts = List.of(Verdict.unknown("rule returned no verdict"));
        }
      } catch (RuntimeException | StackOverflowError e) {
        verdicts = List.of(Verdict.unknown("rule failed: " + describe(e)));
      }
      for (Verdict v : verdicts) {
        out.add(
            new Evaluation(rule.id(), snapshot.resource(), v.subject(), v.status(), v.reason()));
      }
    }
    return out;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
