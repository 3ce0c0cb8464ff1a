package dev.containerwatch.rules.aks;

import dev.containerwatch.engine.Rule;
import java.util.List;

/** The rules for AKS managed clusters. */
public final class AksRules {
  private AksRules() {}

  public static List<Rule> all() {
    return List.of(
        new AksRbacEnabled(),
        new AksDefenderProfileEnabled(),
        new AksAzurePolicyAddon(),
        new AksDiagnosticLogs(),
        new AksApiServerRestrictedAccess());
  }
}
