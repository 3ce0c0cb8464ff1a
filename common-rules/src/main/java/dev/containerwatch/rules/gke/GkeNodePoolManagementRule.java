package dev.containerwatch.rules.gke;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A rule that every node pool of a Standard cluster has one {@code nodePools[].management} flag set
 * to true (auto-repair, auto-upgrade).
 *
 * <p>The flags are proto3 booleans: an absent flag, or an absent {@code management}, is false. An
 * absent {@code nodePools} is different: the document does not show the pools (a trimmed export, a
 * list response without them), so the rule cannot tell and answers {@code UNKNOWN}. An explicit
 * empty list says the cluster has no pools, hence no nodes to manage: {@code NOT_APPLICABLE}.
 * Autopilot clusters are {@code NOT_APPLICABLE}: Google manages their nodes and keeps both flags
 * on.
 */
abstract class GkeNodePoolManagementRule implements ResourceRule {
  private final String flag;
  private final String feature;

  /**
   * @param flag the field under {@code management}, e.g. {@code autoRepair}
   * @param feature the feature in words, e.g. {@code node auto-repair}
   */
  GkeNodePoolManagementRule(String flag, String feature) {
    this.flag = flag;
    this.feature = feature;
  }

  @Override
  public final ResourceType resourceType() {
    return ResourceType.GKE_CLUSTER;
  }

  @Override
  public final Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Doc cluster = GkeClusters.of(snapshot);
    if (GkeClusters.isAutopilot(cluster)) {
      return Verdict.notApplicable(
          "Autopilot cluster (autopilot.enabled is true): Google manages its node pools and "
              + feature
              + " is always on");
    }
    Doc pools = cluster.get("nodePools");
    if (pools.isAbsent() || !pools.node().isArray()) {
      return Verdict.unknown(
          "nodePools is "
              + pools.describe()
              + ": the document does not show the cluster's node pools, so management."
              + flag
              + " cannot be checked");
    }
    if (pools.items().isEmpty()) {
      return Verdict.notApplicable("nodePools is empty: the cluster has no node pools");
    }
    List<String> passing = new ArrayList<>();
    List<String> failing = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    for (Doc pool : pools.items()) {
      String name = "'" + pool.get("name").text().orElse(pool.path()) + "'";
      Doc management = pool.get("management");
      Doc value = pool.get("management." + flag);
      Optional<Boolean> on = value.isAbsent() ? Optional.of(false) : value.bool();
      if (on.isEmpty()) {
        unreadable.add("node pool " + name + " has management." + flag + " " + value.describe());
      } else if (on.get()) {
        passing.add(name);
      } else if (management.isAbsent()) {
        failing.add(
            "node pool " + name + " has no management (management." + flag + " defaults to false)");
      } else if (value.isAbsent()) {
        failing.add(
            "node pool " + name + " has management." + flag + " absent (proto3 default false)");
      } else {
        failing.add("node pool " + name + " has management." + flag + " false");
      }
    }
    if (!failing.isEmpty()) {
      return Verdict.failed(
          String.join("; ", failing)
              + ": "
              + feature
              + " is off on "
              + failing.size()
              + " of "
              + pools.items().size()
              + " node pools");
    }
    if (!unreadable.isEmpty()) {
      return Verdict.unknown(String.join("; ", unreadable) + ", which is not a boolean");
    }
    return Verdict.passed(
        "management."
            + flag
            + " is true on every node pool ("
            + String.join(", ", passing)
            + "): "
            + feature
            + " is on");
  }
}
