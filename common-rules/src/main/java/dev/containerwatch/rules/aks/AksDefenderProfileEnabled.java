package dev.containerwatch.rules.aks;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.ArmResources;
import java.util.Optional;

/**
 * "Azure Kubernetes Service clusters should have Defender profile enabled": {@code
 * properties.securityProfile.defender.securityMonitoring.enabled} is true, or, in documents of
 * older API versions, {@code properties.securityProfile.azureDefender.enabled} is true.
 *
 * <p>ARM returns the whole resource, and it leaves {@code securityProfile.defender} out when the
 * Defender sensor was never enabled: an absent profile therefore means "not enabled" and fails. A
 * value that is present but not a boolean cannot be judged and answers {@code UNKNOWN}; so does a
 * document without any {@code properties}.
 */
public final class AksDefenderProfileEnabled implements ResourceRule {
  static final String MONITORING = "properties.securityProfile.defender.securityMonitoring.enabled";
  static final String LEGACY = "properties.securityProfile.azureDefender.enabled";

  @Override
  public String id() {
    return "aks.defender-profile";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.AKS_CLUSTER;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Optional<Doc> found = ArmResources.withProperties(snapshot);
    if (found.isEmpty()) {
      return ArmResources.withoutProperties("cluster");
    }
    Doc cluster = found.get();
    Doc monitoring = cluster.get(MONITORING);
    Doc legacy = cluster.get(LEGACY);
    if (monitoring.isTrue()) {
      return Verdict.passed(MONITORING + " is true: the Defender sensor is enabled");
    }
    if (legacy.isTrue()) {
      return Verdict.passed(
          LEGACY + " is true (older API version): the Defender profile is enabled");
    }
    // The current field wins over the older one: a document has one shape or the other.
    Doc decisive = monitoring.isPresent() || legacy.isAbsent() ? monitoring : legacy;
    if (decisive.isPresent() && decisive.bool().isEmpty()) {
      return Verdict.unknown(decisive.path() + " is " + decisive.describe() + ", not a boolean");
    }
    if (decisive.isPresent()) {
      return Verdict.failed(
          decisive.path() + " is false: Microsoft Defender for Containers is off on the cluster");
    }
    Doc defender = cluster.get("properties.securityProfile.defender");
    String missing = defender.isPresent() ? MONITORING : "properties.securityProfile.defender";
    return Verdict.failed(
        missing + " is absent: the Defender profile is not enabled on the cluster");
  }
}
