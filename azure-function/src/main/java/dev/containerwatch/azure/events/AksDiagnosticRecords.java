package dev.containerwatch.azure.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import dev.containerwatch.kubernetes.audit.AuditEvents;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * AKS resource logs streamed to Event Hubs by a diagnostic setting: each message is {@code
 * {"records": [...]}}; a record of category {@code kube-audit} or {@code kube-audit-admin} carries
 * one Kubernetes audit event as a JSON string in {@code properties.log}, and the cluster in {@code
 * resourceId} (which Azure Monitor writes in upper case; ARM ids are case-insensitive, so it is
 * lower-cased). Records of other categories ({@code kube-apiserver}, {@code guard}, ...) are
 * skipped.
 *
 * <pre>{@code
 * {"records": [{"time": "2026-11-29T09:14:02.48Z", "resourceId": "/SUBSCRIPTIONS/.../MANAGEDCLUSTERS/AKS-SHOP-PROD",
 *   "category": "kube-audit", "operationName": "Microsoft.ContainerService/managedClusters/diagnosticLogs/Read",
 *   "properties": {"log": "{\"kind\":\"Event\",...}", "stream": "stdout", "pod": "kube-apiserver-..."}}]}
 * }</pre>
 */
public final class AksDiagnosticRecords {
  public static final Set<String> AUDIT_CATEGORIES = Set.of("kube-audit", "kube-audit-admin");

  private AksDiagnosticRecords() {}

  /** One audit event and the cluster it came from. */
  public record AuditRecord(String clusterId, JsonNode event, Instant recordTime) {}

  /** What a message gave: the audit events, and why each other record was skipped. */
  public record Extraction(List<AuditRecord> events, List<String> skipped) {}

  /**
   * The audit events of one Event Hub message.
   *
   * @throws InvalidInputException when the message is not a {@code records} document
   */
  public static Extraction read(String message) {
    JsonNode root;
    try {
      root = Json.read(message == null ? "" : message);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("AKS diagnostic logs: message is not valid JSON");
    }
    if (root == null || !root.path("records").isArray()) {
      throw new InvalidInputException(
          "AKS diagnostic logs: message has no records array (expected {\"records\": [...]})");
    }
    List<AuditRecord> events = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    JsonNode records = root.get("records");
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      String where = "records[" + i + "]";
      String category = record.path("category").asText("");
      if (!AUDIT_CATEGORIES.contains(category.toLowerCase(Locale.ROOT))) {
        skipped.add(where + ": category '" + category + "' is not a Kubernetes audit log");
        continue;
      }
      Optional<ArmId> cluster = ArmId.parse(record.path("resourceId").asText(""));
      if (cluster.isEmpty() || cluster.get().child()) {
        skipped.add(where + ": resourceId is not a cluster's ARM id");
        continue;
      }
      JsonNode properties = record.path("properties");
      if (properties.isTextual()) {
        properties = parse(properties.textValue());
      }
      JsonNode log = properties == null ? null : properties.path("log");
      List<JsonNode> parsed;
      try {
        if (log != null && log.isTextual()) {
          parsed = AuditEvents.parse(log.textValue());
        } else if (log != null && log.isObject()) {
          parsed = List.of(log);
        } else {
          skipped.add(where + ": no properties.log");
          continue;
        }
      } catch (InvalidInputException e) {
        skipped.add(where + ": " + e.getMessage());
        continue;
      }
      String clusterId = cluster.get().topLevelId().toLowerCase(Locale.ROOT);
      Instant time = time(record.path("time").asText(""));
      for (JsonNode event : parsed) {
        events.add(new AuditRecord(clusterId, event, time));
      }
    }
    return new Extraction(events, skipped);
  }

  private static JsonNode parse(String text) {
    try {
      return Json.read(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static Instant time(String text) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
