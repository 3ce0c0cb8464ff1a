package dev.containerwatch.rules.eks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * "EKS clusters should grant the required AWS permissions to Microsoft Defender for Cloud": the
 * control-plane log types Defender for Containers reads are enabled, by default {@code audit}.
 *
 * <p>The permissions themselves live in the connector's IAM roles, which {@code DescribeCluster}
 * does not show; what Defender uses them for is turning on control-plane logging and reading it, so
 * the rule checks that effect. Reads {@code logging.clusterLogging}, a list of groups {@code
 * {types[], enabled}}: a type is enabled only when it is in a group with {@code enabled: true}
 * (disabled types are listed too, in their own group). A document without {@code logging}, or with
 * a {@code clusterLogging} that is not a list, cannot say and is {@code UNKNOWN}; an empty list
 * means nothing is enabled. Parameter {@code requiredLogTypes} names the types that must be on.
 */
public final class EksDefenderPermissions implements ResourceRule {
  static final String REQUIRED_LOG_TYPES = "requiredLogTypes";

  /** The control-plane log types EKS knows. */
  static final List<String> LOG_TYPES =
      List.of("api", "audit", "authenticator", "controllerManager", "scheduler");

  @Override
  public String id() {
    return "eks.defender-permissions";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.EKS_CLUSTER;
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.stringList(
                REQUIRED_LOG_TYPES,
                List.of("audit"),
                "control-plane log types that must be enabled ("
                    + String.join(", ", LOG_TYPES)
                    + ")")
            .checkedBy(EksDefenderPermissions::logTypesError));
  }

  private static String logTypesError(JsonNode value) {
    if (value.isEmpty()) {
      return "name at least one log type";
    }
    for (JsonNode type : value) {
      if (!LOG_TYPES.contains(type.asText())) {
        return "unknown log type '"
            + type.asText()
            + "' (known: "
            + String.join(", ", LOG_TYPES)
            + ")";
      }
    }
    return null;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Doc logging = Doc.of(snapshot.document()).get("logging");
    if (logging.isAbsent()) {
      return Verdict.unknown(
          "logging is " + logging.describe() + ": the enabled control-plane log types are unknown");
    }
    Doc groups = logging.get("clusterLogging");
    if (!groups.node().isArray()) {
      return Verdict.unknown(
          "logging.clusterLogging is "
              + groups.describe()
              + ": the enabled control-plane log types are unknown");
    }
    Set<String> enabled = new LinkedHashSet<>();
    Set<String> disabled = new LinkedHashSet<>();
    for (Doc group : groups.items()) {
      (group.get("enabled").isTrue() ? enabled : disabled).addAll(group.get("types").texts());
    }
    List<String> required = parameters.strings(REQUIRED_LOG_TYPES);
    List<String> missing = new ArrayList<>();
    for (String type : required) {
      if (!enabled.contains(type)) {
        missing.add(type);
      }
    }
    if (missing.isEmpty()) {
      return Verdict.passed(
          "logging.clusterLogging enables the required control-plane log type"
              + (required.size() == 1 ? " " : "s ")
              + String.join(", ", required)
              + " (read by Defender for Containers)");
    }
    List<String> named = new ArrayList<>();
    for (String type : missing) {
      named.add(
          "'" + type + "'" + (disabled.contains(type) ? " (in a group with enabled false)" : ""));
    }
    return Verdict.failed(
        "logging.clusterLogging does not enable control-plane log type"
            + (missing.size() == 1 ? " " : "s ")
            + String.join(", ", named)
            + "; enabled: "
            + (enabled.isEmpty() ? "none" : String.join(", ", enabled))
            + ": Defender for Containers does not receive those logs");
  }
}
