package dev.containerwatch.rules.defender;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;

/**
 * "Microsoft Defender for Containers should be enabled on AWS connectors": the connector's {@code
 * properties.offerings[]} contains an offering whose {@code offeringType} is {@code
 * DefenderForContainersAws}.
 *
 * <p>Connectors of another {@code properties.environmentName} (GCP, Azure DevOps, GitHub...) are
 * not applicable. The connector API returns exactly the offerings that were configured, so a
 * missing offering means the plan is off for the account (failed); a document without {@code
 * properties.offerings} at all is a trimmed export (unknown). The offering's own settings (EKS
 * roles such as {@code kubernetesService} and {@code cloudWatchToKinesis}) are not judged here.
 */
public final class AwsConnectorDefenderForContainers implements ResourceRule {
  private static final String OFFERING = "DefenderForContainersAws";

  @Override
  public String id() {
    return "aws.connector-defender-for-containers";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.SECURITY_CONNECTOR;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    return SecurityConnector.hasOffering(snapshot, "AWS", OFFERING);
  }
}
