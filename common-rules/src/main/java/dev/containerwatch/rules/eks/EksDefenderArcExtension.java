package dev.containerwatch.rules.eks;

import dev.containerwatch.model.ResourceType;
import dev.containerwatch.rules.arc.ArcConnectedExtensionRule;
import dev.containerwatch.rules.arc.ArcExtensions;

/**
 * "EKS clusters should have Microsoft Defender's extension for Azure Arc installed": the cluster's
 * Azure Arc connection ({@code arc} evidence) is online and has an extension of type {@code
 * microsoft.azuredefender.kubernetes} with {@code properties.provisioningState} Succeeded.
 *
 * <p>{@code DescribeCluster} says nothing about Arc: without the {@code arc} evidence the rule
 * answers {@code UNKNOWN}.
 */
public final class EksDefenderArcExtension extends ArcConnectedExtensionRule {

  public EksDefenderArcExtension() {
    super("eks.defender-arc-extension", ResourceType.EKS_CLUSTER, ArcExtensions.DEFENDER);
  }
}
