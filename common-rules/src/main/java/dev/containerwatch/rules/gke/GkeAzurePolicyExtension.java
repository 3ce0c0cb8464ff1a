package dev.containerwatch.rules.gke;

import dev.containerwatch.model.ResourceType;
import dev.containerwatch.rules.arc.ArcConnectedExtensionRule;
import dev.containerwatch.rules.arc.ArcExtensions;

/**
 * "GKE clusters should have the Azure Policy extension installed": the cluster's Azure Arc
 * connection ({@code arc} evidence) is online and has an extension of type {@code
 * microsoft.policyinsights} with {@code properties.provisioningState} Succeeded.
 *
 * <p>The connection is not in the GKE document: without the {@code arc} evidence the rule answers
 * {@code UNKNOWN}. Autopilot clusters are evaluated too.
 */
public final class GkeAzurePolicyExtension extends ArcConnectedExtensionRule {

  public GkeAzurePolicyExtension() {
    super("gke.azure-policy-extension", ResourceType.GKE_CLUSTER, ArcExtensions.AZURE_POLICY);
  }
}
