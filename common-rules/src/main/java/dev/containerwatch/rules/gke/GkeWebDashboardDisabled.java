package dev.containerwatch.rules.gke;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.Optional;

/**
 * "GKE web dashboard should be disabled": {@code addonsConfig.kubernetesDashboard.disabled} is
 * true, or {@code addonsConfig} has no {@code kubernetesDashboard} at all.
 *
 * <p>The add-on message carries a proto3 {@code disabled} flag: {@code kubernetesDashboard: {}}
 * means {@code disabled} false, i.e. the dashboard is deployed. A {@code kubernetesDashboard} that
 * is not there means the add-on is not configured: current GKE versions no longer offer it, so
 * nothing deploys the dashboard. The API always returns {@code addonsConfig}; without it the
 * document does not show the add-ons and the rule answers {@code UNKNOWN}. Autopilot clusters are
 * evaluated like Standard ones (the field reads the same).
 */
public final class GkeWebDashboardDisabled implements ResourceRule {

  @Override
  public String id() {
    return "gke.web-dashboard-disabled";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.GKE_CLUSTER;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Doc addons = GkeClusters.of(snapshot).get("addonsConfig");
    if (addons.isAbsent()) {
      return Verdict.unknown(
          "addonsConfig is absent: the document does not show the cluster's add-ons");
    }
    Doc dashboard = addons.get("kubernetesDashboard");
    if (dashboard.isAbsent()) {
      return Verdict.passed(
          "addonsConfig has no kubernetesDashboard: the Kubernetes Dashboard add-on is not"
              + " configured (current GKE versions no longer offer it)");
    }
    Doc disabled = dashboard.get("disabled");
    Optional<Boolean> off = disabled.isAbsent() ? Optional.of(false) : disabled.bool();
    if (off.isEmpty()) {
      return Verdict.unknown(
          "addonsConfig.kubernetesDashboard.disabled is "
              + disabled.describe()
              + ", not a boolean");
    }
    if (off.get()) {
      return Verdict.passed(
          "addonsConfig.kubernetesDashboard.disabled is true: the Kubernetes Dashboard is off");
    }
    return Verdict.failed(
        "addonsConfig.kubernetesDashboard.disabled is "
            + (disabled.isAbsent() ? "absent (proto3 default false)" : "false")
            + ": the Kubernetes Dashboard add-on is enabled");
  }
}
