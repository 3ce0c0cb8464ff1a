package dev.containerwatch.rules.gke;

import dev.containerwatch.engine.Rule;
import java.util.List;

/** The rules for GKE clusters. */
public final class GkeRules {
  private GkeRules() {}

  public static List<Rule> all() {
    return List.of(
        new GkeAutoRepair(),
        new GkeAutoUpgrade(),
        new GkeMonitoring(),
        new GkeLogging(),
        new GkeWebDashboardDisabled(),
        new GkeLegacyAbacDisabled(),
        new GkeMasterAuthorizedNetworks(),
        new GkeIpAlias(),
        new GkePrivateNodes(),
        new GkeNetworkPolicy(),
        new GkeDefenderArcExtension(),
        new GkeAzurePolicyExtension());
  }
}
