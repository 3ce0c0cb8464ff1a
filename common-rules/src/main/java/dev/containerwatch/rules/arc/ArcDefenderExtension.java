package dev.containerwatch.rules.arc;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;

/**
 * "Azure Arc-enabled Kubernetes clusters should have the Defender extension installed": among the
 * cluster's {@code Microsoft.KubernetesConfiguration/extensions} (evidence {@code extensions}), one
 * has {@code properties.extensionType} {@code microsoft.azuredefender.kubernetes} (any case) and
 * {@code properties.provisioningState} {@code Succeeded}; and the connected cluster's {@code
 * properties.connectivityStatus} is not {@code Offline} or {@code Expired}.
 *
 * <p>The extensions are a separate ARM list, not part of the cluster's GET: when they were not
 * looked up the rule answers {@code UNKNOWN}; an empty list means "looked up, none installed" and
 * fails. An extension still {@code Creating}, or {@code Failed}, is not installed.
 *
 * <p>A disconnected cluster fails rather than being unknown: its connectivity status is evidence in
 * itself that the extension cannot be installed, repaired or kept up to date, and reporting it as
 * unknown would hide a problem the owner can act on (see {@link ArcExtensions#onConnectedCluster}).
 */
public final class ArcDefenderExtension implements ResourceRule {

  @Override
  public String id() {
    return "arc.defender-extension";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.ARC_CLUSTER;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    return ArcExtensions.onConnectedCluster(snapshot, ArcExtensions.DEFENDER);
  }
}
