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
 * "GKE clusters should have Private Clusters enabled": the cluster's nodes have internal addresses
 * only. Passes when {@code privateClusterConfig.enablePrivateNodes} or the newer {@code
 * networkConfig.defaultEnablePrivateNodes} is true, and no node pool overrides it with {@code
 * nodePools[].networkConfig.enablePrivateNodes} false.
 *
 * <p>Absent cluster-level flags are false (proto3 JSON omits false), so a cluster with neither
 * fails. The per-pool {@code enablePrivateNodes} is a proto3 {@code optional}: an explicit false is
 * written and is an override that gives that pool's nodes external addresses, so it fails naming
 * the pool; an absent one inherits the cluster's setting. Pools that opt in to private nodes on a
 * cluster whose default is public do not make it pass: new pools would still be public. Autopilot
 * clusters are evaluated too: private nodes are the user's choice there as well.
 */
public final class GkePrivateNodes implements ResourceRule {
  private static final String LEGACY = "privateClusterConfig.enablePrivateNodes";
  private static final String NEWER = "networkConfig.defaultEnablePrivateNodes";

  @Override
  public String id() {
    return "gke.private-nodes";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.GKE_CLUSTER;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Doc cluster = GkeClusters.of(snapshot);
    Doc legacy = cluster.get(LEGACY);
    Doc newer = cluster.get(NEWER);
    String clusterLevel;
    if (legacy.isTrue()) {
      clusterLevel = LEGACY + " is true";
    } else if (newer.isTrue()) {
      clusterLevel = NEWER + " is true";
    } else {
      return Verdict.failed(
          LEGACY
              + " is "
              + GkeClusters.flag(legacy)
              + " and "
              + NEWER
              + " is "
              + GkeClusters.flag(newer)
              + ": the cluster's nodes get external IP addresses");
    }
    List<String> publicPools = new ArrayList<>();
    for (Doc pool : cluster.get("nodePools").items()) {
      if (pool.get("networkConfig.enablePrivateNodes").bool().equals(Optional.of(false))) {
        publicPools.add("'" + pool.get("name").text().orElse(pool.path()) + "'");
      }
    }
    if (!publicPools.isEmpty()) {
      return Verdict.failed(
          clusterLevel
              + " but node pool"
              + (publicPools.size() == 1 ? " " : "s ")
              + String.join(", ", publicPools)
              + (publicPools.size() == 1 ? " has" : " have")
              + " networkConfig.enablePrivateNodes false: those nodes get external IP addresses");
    }
    return Verdict.passed(clusterLevel + " and no node pool overrides it");
  }
}
