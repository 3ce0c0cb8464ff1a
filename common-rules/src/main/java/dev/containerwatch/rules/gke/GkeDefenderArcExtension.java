package dev.containerwatch.rules.gke;

import dev.containerwatch.model.ResourceType;
import dev.containerwatch.rules.arc.ArcConnectedExtensionRule;
import dev.containerwatch.rules.arc.ArcExtensions;

/**
 * "GKE clusters should have Microsoft Defender's extension for Azure Arc installed": the cluster's
 * Azure Arc connection ({@code arc} evidence) is online and has an extension of type {@code
 * microsoft.azuredefender.kubernetes} with {@code properties.provisioningState} Succeeded.
 *
 * <p>The connection is not in the GKE document: without the {@code arc} evidence the rule answers
 * {@code UNKNOWN}. Autopilot clusters are evaluated too: the sensor is a cluster extension, not a
 * node setting Google manages.
 */
public final class GkeDefenderArcExtension extends ArcConnectedExtensionRule {

  public GkeDefenderArcExtension() {
    super("gke.defender-arc-extension", ResourceType.GKE_CLUSTER, ArcExtensions.DEFENDER);
  }
}
