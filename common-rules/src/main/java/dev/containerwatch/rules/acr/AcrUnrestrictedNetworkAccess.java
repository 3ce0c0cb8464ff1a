package dev.containerwatch.rules.acr;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.ArmResources;
import java.util.Optional;

/**
 * "Container registries should not allow unrestricted network access", as the Azure Policy of that
 * name checks it: {@code properties.publicNetworkAccess} is {@code Disabled}, or {@code
 * properties.networkRuleSet.defaultAction} is {@code Deny} (only the IP rules and virtual networks
 * of the rule set get in). Values are compared case-insensitively.
 *
 * <p>An absent {@code publicNetworkAccess} (API versions before it existed) means the default,
 * Enabled; an absent {@code networkRuleSet} means no rules at all, i.e. everything is allowed: both
 * fail unless the other setting restricts access. Network rules exist only on the Premium SKU, so a
 * failing reason says when the registry has to be upgraded first.
 */
public final class AcrUnrestrictedNetworkAccess implements ResourceRule {
  private static final String PUBLIC = "properties.publicNetworkAccess";
  private static final String RULES = "properties.networkRuleSet";
  private static final String ACTION = RULES + ".defaultAction";

  @Override
  public String id() {
    return "acr.unrestricted-network-access";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.ACR_REGISTRY;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Optional<Doc> found = ArmResources.withProperties(snapshot);
    if (found.isEmpty()) {
      return ArmResources.withoutProperties("registry");
    }
    Doc registry = found.get();
    Optional<String> publicAccess = registry.get(PUBLIC).text();
    if (publicAccess.isPresent() && publicAccess.get().equalsIgnoreCase("Disabled")) {
      return Verdict.passed(PUBLIC + " is Disabled: the registry is reachable only privately");
    }
    Optional<String> action = registry.get(ACTION).text();
    if (action.isPresent() && action.get().equalsIgnoreCase("Deny")) {
      int ipRules = registry.get(RULES + ".ipRules").items().size();
      return Verdict.passed(
          ACTION
              + " is Deny: the public endpoint admits only the network rule set ("
              + ipRules
              + " IP rule(s))");
    }
    String publicState = PUBLIC + " is " + publicAccess.orElse("absent (Enabled by default)");
    String ruleState =
        registry.get(RULES).isAbsent()
            ? RULES + " is absent (no network rules)"
            : ACTION + " is " + action.orElse(registry.get(ACTION).describe());
    return Verdict.failed(
        publicState
            + " and "
            + ruleState
            + ": the registry accepts connections from any network"
            + AcrRegistries.premiumNote(registry, "network rules and private endpoints"));
  }
}
