package dev.containerwatch.rules.gke;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;

/**
 * "Network policy should be enabled on GKE clusters": Kubernetes NetworkPolicy objects are
 * enforced. Passes when {@code networkConfig.datapathProvider} is {@code ADVANCED_DATAPATH} (GKE
 * Dataplane V2 enforces policy itself) or {@code networkPolicy.enabled} is true (Calico).
 *
 * <p>Stricter than "the add-on is not disabled": {@code addonsConfig.networkPolicyConfig} only
 * deploys Calico's control-plane part; without {@code networkPolicy.enabled} nothing enforces
 * policy on the nodes, so an enabled add-on alone fails. Absent fields are their proto3 defaults
 * (false, unspecified datapath = legacy). Not applicable to Autopilot clusters: they always run
 * Dataplane V2, which Google manages.
 */
public final class GkeNetworkPolicy implements ResourceRule {
  private static final String ADVANCED_DATAPATH = "ADVANCED_DATAPATH";

  @Override
  public String id() {
    return "gke.network-policy";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.GKE_CLUSTER;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Doc cluster = GkeClusters.of(snapshot);
    if (GkeClusters.isAutopilot(cluster)) {
      return Verdict.notApplicable(
          "Autopilot cluster: GKE Dataplane V2 is always on and enforces network policy");
    }
    Doc datapath = cluster.get("networkConfig.datapathProvider");
    if (datapath.text().filter(ADVANCED_DATAPATH::equals).isPresent()) {
      return Verdict.passed(
          "networkConfig.datapathProvider is ADVANCED_DATAPATH: GKE Dataplane V2 enforces network"
              + " policy");
    }
    Doc policy = cluster.get("networkPolicy");
    if (policy.get("enabled").isTrue()) {
      return Verdict.passed(
          "networkPolicy.enabled is true (provider "
              + policy.get("provider").text().orElse("absent")
              + ")");
    }
    Doc addonDisabled = cluster.get("addonsConfig.networkPolicyConfig.disabled");
    String reason =
        "networkConfig.datapathProvider is "
            + datapath.text().orElse("absent (legacy datapath)")
            + ", networkPolicy is "
            + policy.describe()
            + " and addonsConfig.networkPolicyConfig.disabled is "
            + GkeClusters.flag(addonDisabled)
            + ": network policies are not enforced";
    if (cluster.get("addonsConfig.networkPolicyConfig").isPresent() && !addonDisabled.isTrue()) {
      reason += " (the add-on alone does not enforce them; networkPolicy.enabled must be true)";
    }
    return Verdict.failed(reason);
  }
}
