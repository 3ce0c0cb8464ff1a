package dev.containerwatch.rules.defender;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;

/**
 * "Microsoft Defender for Containers should be enabled on GCP connectors": the connector's {@code
 * properties.offerings[]} contains an offering whose {@code offeringType} is {@code
 * DefenderForContainersGcp}.
 *
 * <p>Connectors of another {@code properties.environmentName} (AWS, Azure DevOps, GitHub...) are
 * not applicable. The connector API returns exactly the offerings that were configured, so a
 * missing offering means the plan is off for the project (failed); a document without {@code
 * properties.offerings} at all is a trimmed export (unknown). Whether the offering's settings are
 * all on is the separate rule {@link GcpConnectorAdvancedConfiguration}.
 */
public final class GcpConnectorDefenderForContainers implements ResourceRule {
  static final String OFFERING = "DefenderForContainersGcp";

  @Override
  public String id() {
    return "gcp.connector-defender-for-containers";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.SECURITY_CONNECTOR;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    return SecurityConnector.hasOffering(snapshot, "GCP", OFFERING);
  }
}
