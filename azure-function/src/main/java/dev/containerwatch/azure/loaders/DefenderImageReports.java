package dev.containerwatch.azure.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.azure.events.ArmId;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.sources.DefenderSubAssessments;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Defender for Cloud's vulnerability findings of a registry image (the MDVM sub-assessments of
 * assessment {@value #ACR_ASSESSMENT_KEY}), read from Azure Resource Graph's {@code
 * securityresources} table by the image's digest and registry host, and parsed by {@link
 * DefenderSubAssessments}. Defender publishes them only for finished scans: an image just pushed
 * usually has none yet, and its finding stays pending (UNKNOWN) until a later push or read.
 *
 * <p>{@code POST /providers/Microsoft.ResourceGraph/resources?api-version=}{@value
 * ApiVersions#RESOURCE_GRAPH}, scoped to the registry's subscription, following {@code $skipToken}.
 */
public final class DefenderImageReports implements ImageReportLoader {
  /** Defender's "Azure registry container images should have vulnerabilities resolved (MDVM)". */
  public static final String ACR_ASSESSMENT_KEY = "c0b7cfc6-3172-465a-b378-53c7ff2cc0d5";

  static final String PATH = "/providers/Microsoft.ResourceGraph/resources";
  private static final int MAX_PAGES = 50;

  private final ArmClient arm;

  public DefenderImageReports(ArmClient arm) {
    this.arm = arm;
  }

  @Override
  public Optional<VulnerabilityReport> find(ImageRef image, String registryId) {
    if (image.digest() == null) {
      return Optional.empty();
    }
    String subscription =
        ArmId.parse(registryId)
            .map(ArmId::subscription)
            .orElseThrow(() -> new IllegalArgumentException("not a registry id: " + registryId));
    ArrayNode rows = JsonNodeFactory.instance.arrayNode();
    String skipToken = null;
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode response =
          arm.post(PATH, ApiVersions.RESOURCE_GRAPH, query(subscription, image, skipToken));
      response.path("data").forEach(rows::add);
      skipToken = response.path("$skipToken").asText(null);
      if (skipToken == null || skipToken.isEmpty()) {
        break;
      }
    }
    if (rows.isEmpty()) {
      return Optional.empty();
    }
    ObjectNode document = JsonNodeFactory.instance.objectNode();
    document.put("totalRecords", rows.size());
    document.put("count", rows.size());
    document.set("data", rows);
    List<VulnerabilityReport> reports = DefenderSubAssessments.parse(document);
    return reports.stream()
        .filter(r -> r.scanner() == Scanner.DEFENDER_MDVM)
        .filter(r -> image.digest().equals(r.image().digest()))
        .findFirst()
        .map(r -> withPushedTag(r, image));
  }

  /**
   * The report under the pushed reference: Defender lists the tags it knows, not the pushed one.
   */
  private static VulnerabilityReport withPushedTag(VulnerabilityReport r, ImageRef pushed) {
    return new VulnerabilityReport(
        pushed,
        r.scanner(),
        r.scannedAt(),
        r.state(),
        r.stateReason(),
        r.vulnerabilities(),
        r.severityCounts());
  }

  static ObjectNode query(String subscription, ImageRef image, String skipToken) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.putArray("subscriptions").add(subscription);
    body.put(
        "query",
        "securityresources"
            + " | where type =~ 'microsoft.security/assessments/subassessments'"
            + " | where id contains '/providers/Microsoft.Security/assessments/"
            + ACR_ASSESSMENT_KEY
            + "/'"
            + " | where tostring(properties.additionalData.artifactDetails.digest) == '"
            + image.digest()
            + "'"
            + " | where tolower(tostring(properties.additionalData.artifactDetails.registryHost)) == '"
            + image.registry().toLowerCase(Locale.ROOT)
            + "'"
            + " | project id, name, type, properties");
    ObjectNode options = body.putObject("options");
    options.put("resultFormat", "objectArray");
    options.put("$top", 1000);
    if (skipToken != null) {
      options.put("$skipToken", skipToken);
    }
    return body;
  }
}
