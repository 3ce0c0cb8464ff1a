package dev.containerwatch.rules.gke;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.Optional;

/**
 * "Legacy Authorization should be disabled on GKE clusters": {@code legacyAbac.enabled} is not
 * true.
 *
 * <p>{@code enabled} is a proto3 boolean, so {@code legacyAbac: {}} (what the API returns for a
 * cluster without legacy ABAC) and an absent {@code legacyAbac} both mean false. Autopilot clusters
 * are {@code NOT_APPLICABLE}: legacy ABAC cannot be enabled on them.
 */
public final class GkeLegacyAbacDisabled implements ResourceRule {

  @Override
  public String id() {
    return "gke.legacy-abac-disabled";
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
          "Autopilot cluster (autopilot.enabled is true): legacy ABAC cannot be enabled on it");
    }
    Doc legacyAbac = cluster.get("legacyAbac");
    Doc enabled = cluster.get("legacyAbac.enabled");
    if (enabled.isAbsent()) {
      return Verdict.passed(
          (legacyAbac.isAbsent() ? "legacyAbac is absent" : "legacyAbac.enabled is absent")
              + " (proto3 default false): legacy ABAC is off");
    }
    Optional<Boolean> on = enabled.bool();
    if (on.isEmpty()) {
      return Verdict.unknown("legacyAbac.enabled is " + enabled.describe() + ", not a boolean");
    }
    return on.get()
        ? Verdict.failed(
            "legacyAbac.enabled is true: legacy ABAC grants permissions outside Kubernetes RBAC")
        : Verdict.passed("legacyAbac.enabled is false: legacy ABAC is off");
  }
}
