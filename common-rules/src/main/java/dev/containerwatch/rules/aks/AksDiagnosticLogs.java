package dev.containerwatch.rules.aks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Status;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.Lists;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Diagnostic logs in Kubernetes services should be enabled", as the Azure Policy "Resource logs in
 * Azure Kubernetes Service should be enabled" checks it: some diagnostic setting of the cluster
 * (evidence {@code diagnosticSettings}, ARM {@code Microsoft.Insights/diagnosticSettings}) has
 *
 * <ul>
 *   <li>at least one entry of {@code properties.logs[]} with {@code enabled} true, named by {@code
 *       category} ({@code kube-audit}, {@code kube-apiserver}, {@code guard}...) or {@code
 *       categoryGroup} ({@code allLogs}, {@code audit});
 *   <li>a destination: {@code properties.workspaceId}, {@code storageAccountId}, {@code
 *       eventHubAuthorizationRuleId} or {@code marketplacePartnerId};
 *   <li>on every enabled entry whose {@code retentionPolicy.enabled} is true with {@code days}
 *       above 0, at least {@code requiredRetentionDays} days (default 365, as in the policy). Days
 *       0 means "keep forever"; a disabled retention policy leaves retention to the destination.
 * </ul>
 *
 * <p>The az CLI prints settings with their properties flattened to the top level; both shapes are
 * read. The settings are not part of the cluster's GET: when the evidence part is absent the rule
 * answers {@code UNKNOWN}; a part that is an empty list means "looked up, none" and fails.
 */
public final class AksDiagnosticLogs implements ResourceRule {
  static final String RETENTION = "requiredRetentionDays";
  private static final List<String> DESTINATIONS =
      List.of(
          "workspaceId", "storageAccountId", "eventHubAuthorizationRuleId", "marketplacePartnerId");

  @Override
  public String id() {
    return "aks.diagnostic-logs";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.AKS_CLUSTER;
  }

  @Override
  public List<ParameterSpec> parameters() {
    return List.of(
        ParameterSpec.integer(
                RETENTION,
                365,
                "minimum days a diagnostic setting with a retention policy must keep the logs"
                    + " (0 accepts any retention)")
            .checkedBy(v -> v.asInt() < 0 ? "must be 0 or more" : null));
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Optional<JsonNode> part = snapshot.evidence(Evidence.DIAGNOSTIC_SETTINGS);
    if (part.isEmpty()) {
      return Verdict.unknown(
          "the cluster's diagnostic settings were not provided (evidence '"
              + Evidence.DIAGNOSTIC_SETTINGS.key()
              + "')");
    }
    Optional<List<JsonNode>> settings = Lists.of(part);
    if (settings.isEmpty()) {
      return Verdict.unknown(
          "evidence '"
              + Evidence.DIAGNOSTIC_SETTINGS.key()
              + "' is not a list of diagnostic settings");
    }
    if (settings.get().isEmpty()) {
      return Verdict.failed(
          "the cluster has no diagnostic settings: its resource logs (kube-audit, kube-apiserver"
              + " ...) are not collected");
    }
    int required = parameters.integer(RETENTION);
    List<String> problems = new ArrayList<>();
    for (JsonNode item : settings.get()) {
      Doc setting = Doc.arm(item);
      Verdict verdict = judge(setting, required);
      if (verdict.status() == Status.PASSED) {
        return verdict;
      }
      problems.add(verdict.reason());
    }
    return Verdict.failed(
        "no diagnostic setting collects the cluster's logs: " + String.join("; ", problems));
  }

  /** PASSED with what the setting sends where, or FAILED with what it lacks. */
  private static Verdict judge(Doc setting, int required) {
    String name = "setting '" + name(setting) + "'";
    // az monitor diagnostic-settings prints the properties at the top level.
    Doc properties =
        setting.get("properties").node().isObject() ? setting.get("properties") : setting;

    List<String> enabled = new ArrayList<>();
    List<String> shortLived = new ArrayList<>();
    for (Doc log : properties.get("logs").items()) {
      if (!log.get("enabled").isTrue()) {
        continue;
      }
      String label = label(log);
      enabled.add(label);
      Doc retention = log.get("retentionPolicy");
      long days = days(retention.get("days"));
      if (retention.get("enabled").isTrue() && days > 0 && days < required) {
        shortLived.add(label + " for " + days + " days");
      }
    }
    List<String> destinations = new ArrayList<>();
    for (String field : DESTINATIONS) {
      if (!properties.get(field).text().orElse("").isBlank()) {
        destinations.add(field);
      }
    }

    List<String> missing = new ArrayList<>();
    if (enabled.isEmpty()) {
      missing.add("has no enabled log category (properties.logs[].enabled)");
    }
    if (destinations.isEmpty()) {
      missing.add("has no destination (" + String.join(", ", DESTINATIONS) + " all absent)");
    }
    if (!shortLived.isEmpty()) {
      missing.add(
          "keeps "
              + String.join(", ", shortLived)
              + " (retentionPolicy.days below requiredRetentionDays "
              + required
              + ")");
    }
    if (!missing.isEmpty()) {
      return Verdict.failed(name + " " + String.join(" and ", missing));
    }
    return Verdict.passed(
        "diagnostic "
            + name
            + " sends the logs "
            + String.join(", ", enabled)
            + " to "
            + String.join(", ", destinations));
  }

  private static String name(Doc setting) {
    Optional<String> name = setting.get("name").text();
    if (name.isPresent()) {
      return name.get();
    }
    String id = setting.get("id").text().orElse("(unnamed)");
    return id.substring(id.lastIndexOf('/') + 1);
  }

  private static String label(Doc log) {
    Optional<String> category = log.get("category").text().filter(c -> !c.isBlank());
    if (category.isPresent()) {
      return category.get();
    }
    return "categoryGroup " + log.get("categoryGroup").text().orElse("(unnamed)");
  }

  /** The days of a retention policy; 0 (keep forever, or no figure) when not a number. */
  private static long days(Doc days) {
    if (days.node().isNumber()) {
      return days.node().asLong();
    }
    try {
      return Long.parseLong(days.text().orElse("0").trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
