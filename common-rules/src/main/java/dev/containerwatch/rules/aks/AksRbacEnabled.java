package dev.containerwatch.rules.aks;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.Optional;

/**
 * "Role-Based Access Control should be used on Kubernetes Services": {@code properties.enableRBAC}
 * is true.
 *
 * <p>ARM always returns {@code enableRBAC} for a managed cluster; when a document lacks it (a
 * trimmed export), the rule cannot tell and answers {@code UNKNOWN}.
 */
public final class AksRbacEnabled implements ResourceRule {

  @Override
  public String id() {
    return "aks.rbac";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.AKS_CLUSTER;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Doc rbac = Doc.arm(snapshot.document()).get("properties.enableRBAC");
    Optional<Boolean> enabled = rbac.bool();
    if (enabled.isEmpty()) {
      return Verdict.unknown("properties.enableRBAC is " + rbac.describe());
    }
    return enabled.get()
        ? Verdict.passed("properties.enableRBAC is true")
        : Verdict.failed("properties.enableRBAC is false: Kubernetes RBAC is off");
  }
}
