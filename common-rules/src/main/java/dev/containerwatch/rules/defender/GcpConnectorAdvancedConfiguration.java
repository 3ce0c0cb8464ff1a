package dev.containerwatch.rules.defender;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Advanced configuration of Defender for Containers should be enabled on GCP connectors": the
 * {@code DefenderForContainersGcp} offering in {@code properties.offerings[]} has every setting
 * below on.
 *
 * <ul>
 *   <li>Kubernetes audit logs collection: {@code auditLogsAutoProvisioningFlag};
 *   <li>Defender sensor auto-provisioning: {@code defenderAgentAutoProvisioningFlag};
 *   <li>Azure Policy for Kubernetes auto-provisioning: {@code policyAgentAutoProvisioningFlag};
 *   <li>where the offering has it (newer API versions): agentless container vulnerability
 *       assessment, {@code mdcContainersImageAssessment.enabled};
 *   <li>where the offering has it: agentless discovery for Kubernetes, {@code
 *       mdcContainersAgentlessDiscoveryK8s.enabled}.
 * </ul>
 *
 * <p>The three flags were renamed in api-version 2024-03-01-preview to {@code
 * enableAuditLogsAutoProvisioning}, {@code enableDefenderAgentAutoProvisioning} and {@code
 * enablePolicyAgentAutoProvisioning} (up to 2023-10-01-preview they are the {@code ...Flag} names);
 * either name is read, so a document of any api-version is judged alike. They are booleans the
 * connector API returns as they were set, so an absent flag is off. The two agentless settings are
 * objects added in later api-versions: an absent object says nothing (the document is of an older
 * api-version), but a present one with {@code enabled} absent or false is off.
 *
 * <p>Not checked: the identities the offering uses ({@code nativeCloudConnection}, {@code
 * dataPipelineNativeCloudConnection}: service accounts and workload identity providers, not
 * switches) and the node VM scanning of api-version 2024-08-01-preview ({@code vmScanners}), a
 * separate capability rather than one of the plan's advanced settings listed above.
 *
 * <p>Connectors of another environment are not applicable; a GCP connector without the offering
 * fails, since the plan itself, and so every advanced setting, is off.
 */
public final class GcpConnectorAdvancedConfiguration implements ResourceRule {

  /** A boolean setting of the offering, by its names old and new. */
  private record Flag(String name, String renamed) {}

  private static final List<Flag> FLAGS =
      List.of(
          new Flag("auditLogsAutoProvisioningFlag", "enableAuditLogsAutoProvisioning"),
          new Flag("defenderAgentAutoProvisioningFlag", "enableDefenderAgentAutoProvisioning"),
          new Flag("policyAgentAutoProvisioningFlag", "enablePolicyAgentAutoProvisioning"));

  private static final List<String> AGENTLESS =
      List.of("mdcContainersImageAssessment", "mdcContainersAgentlessDiscoveryK8s");

  @Override
  public String id() {
    return "gcp.connector-advanced-configuration";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.SECURITY_CONNECTOR;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    SecurityConnector connector = SecurityConnector.of(snapshot);
    Optional<Verdict> outOfScope = connector.outOfScope("GCP");
    if (outOfScope.isPresent()) {
      return outOfScope.get();
    }
    String offeringType = GcpConnectorDefenderForContainers.OFFERING;
    Optional<Doc> found = connector.offering(offeringType);
    if (found.isEmpty()) {
      return Verdict.failed(
          SecurityConnector.missing(connector, offeringType)
              + ": the Defender for Containers plan itself is off on this connector, so none of"
              + " its advanced settings is on");
    }
    Doc offering = found.get();
    List<String> on = new ArrayList<>();
    List<String> off = new ArrayList<>();
    for (Flag flag : FLAGS) {
      Doc value = offering.get(flag.name());
      if (value.isAbsent()) {
        value = offering.get(flag.renamed());
      }
      if (value.isTrue()) {
        on.add(name(value));
      } else if (value.isAbsent()) {
        off.add(flag.name() + " (or " + flag.renamed() + ") is absent");
      } else {
        off.add(name(value) + " is " + value.describe());
      }
    }
    for (String setting : AGENTLESS) {
      Doc object = offering.get(setting);
      if (object.isAbsent()) {
        continue;
      }
      Doc enabled = object.get("enabled");
      if (enabled.isTrue()) {
        on.add(setting + ".enabled");
      } else {
        off.add(setting + ".enabled is " + enabled.describe());
      }
    }
    if (!off.isEmpty()) {
      return Verdict.failed(
          "offering "
              + offeringType
              + " ("
              + offering.path()
              + ") has advanced settings off: "
              + String.join(", ", off));
    }
    return Verdict.passed(
        "offering "
            + offeringType
            + " ("
            + offering.path()
            + ") has every advanced setting on: "
            + String.join(", ", on)
            + " are true");
  }

  /** The name (old or new) the setting was found under, without the offering's path. */
  private static String name(Doc value) {
    String path = value.path();
    return path.substring(path.lastIndexOf('.') + 1);
  }
}
