package dev.containerwatch.azure.sinks;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.catalog.Category;
import dev.containerwatch.catalog.Recommendation;
import java.util.List;
import java.util.Set;

/**
 * The assessment metadata of a rule, from the catalog: {@code assessmentType} {@code
 * CustomerManaged}, the recommendation's title (prefixed {@code [containerwatch]}, so that it is
 * told apart from Defender's own assessment of the same recommendation), severity, description and
 * remediation, and the categories, threats, user impact and effort the 2021-06-01 API enumerates.
 */
public final class AssessmentMetadataBodies {
  static final String DISPLAY_PREFIX = "[containerwatch] ";

  private static final Set<String> NETWORKING =
      Set.of(
          "acr.unrestricted-network-access",
          "acr.private-link",
          "aks.api-server-restricted-access",
          "k8s.host-network-ports",
          "k8s.allowed-service-ports",
          "k8s.https-only");
  private static final Set<String> IDENTITY =
      Set.of("aks.rbac", "k8s.automount-service-account-token");
  private static final Set<String> DATA = Set.of("acr.customer-managed-key");
  private static final Set<String> COVERAGE =
      Set.of(
          "aks.defender-profile",
          "aks.azure-policy-addon",
          "aks.diagnostic-logs",
          "arc.defender-extension",
          "arc.azure-policy-extension",
          "azure.defender-for-containers",
          "aws.connector-defender-for-containers",
          "gcp.connector-defender-for-containers",
          "gcp.connector-advanced-configuration");

  private AssessmentMetadataBodies() {}

  public static ObjectNode of(Recommendation r) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    ObjectNode p = body.putObject("properties");
    p.put("displayName", DISPLAY_PREFIX + r.title());
    p.put(
        "description",
        r.description() == null || r.description().isBlank() ? r.title() : r.description());
    if (r.remediation() != null && !r.remediation().isBlank()) {
      p.put("remediationDescription", r.remediation());
    }
    p.put("severity", r.severity().effective().label());
    ArrayNode categories = p.putArray("categories");
    categories.add(category(r.id()));
    ArrayNode threats = p.putArray("threats");
    threats(r).forEach(threats::add);
    boolean controlPlane = r.category() == Category.CONTROL_PLANE;
    p.put("userImpact", controlPlane ? "Low" : "Moderate");
    p.put("implementationEffort", controlPlane ? "Low" : "Moderate");
    p.put("preview", r.preview());
    p.put("assessmentType", "CustomerManaged");
    return body;
  }

  static String category(String ruleId) {
    if (NETWORKING.contains(ruleId)) {
      return "Networking";
    }
    if (IDENTITY.contains(ruleId)) {
      return "IdentityAndAccess";
    }
    if (DATA.contains(ruleId)) {
      return "Data";
    }
    return "Compute";
  }

  static List<String> threats(Recommendation r) {
    if (COVERAGE.contains(r.id())) {
      return List.of("missingCoverage");
    }
    if (NETWORKING.contains(r.id())) {
      return List.of("dataExfiltration", "accountBreach");
    }
    if (IDENTITY.contains(r.id())) {
      return List.of("accountBreach", "elevationOfPrivilege");
    }
    if (DATA.contains(r.id())) {
      return List.of("dataSpillage");
    }
    if (r.category() == Category.VULNERABILITY_ASSESSMENT) {
      return List.of("threatResistance", "elevationOfPrivilege");
    }
    if (r.category() == Category.DATA_PLANE) {
      return List.of("elevationOfPrivilege", "maliciousInsider");
    }
    return List.of("threatResistance");
  }
}
