package dev.containerwatch.rules.gke;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;

/**
 * "GKE clusters should have alias IP ranges enabled": {@code ipAllocationPolicy.useIpAliases} is
 * true, i.e. the cluster is VPC-native rather than routes-based.
 *
 * <p>The container v1 GET returns {@code ipAllocationPolicy} for every cluster: filled in for
 * VPC-native ones, at least {@code {}} for routes-based ones. So within the policy an absent {@code
 * useIpAliases} is false (proto3 JSON omits false) and fails, while a document without {@code
 * ipAllocationPolicy} at all has lost the section (a trimmed export) and the rule answers {@code
 * UNKNOWN} rather than guess. Autopilot clusters are always VPC-native; they are evaluated like any
 * other and pass.
 */
public final class GkeIpAlias implements ResourceRule {

  @Override
  public String id() {
    return "gke.ip-alias";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.GKE_CLUSTER;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Doc policy = GkeClusters.of(snapshot).get("ipAllocationPolicy");
    if (policy.isAbsent()) {
      return Verdict.unknown(
          "ipAllocationPolicy is "
              + policy.describe()
              + ": the document lacks the section the container API returns for every cluster,"
              + " so whether the cluster is VPC-native cannot be told");
    }
    Doc aliases = policy.get("useIpAliases");
    if (aliases.isTrue()) {
      return Verdict.passed("ipAllocationPolicy.useIpAliases is true: the cluster is VPC-native");
    }
    return Verdict.failed(
        "ipAllocationPolicy.useIpAliases is "
            + GkeClusters.flag(aliases)
            + ": the cluster is routes-based, without alias IP ranges for Pods and Services");
  }
}
