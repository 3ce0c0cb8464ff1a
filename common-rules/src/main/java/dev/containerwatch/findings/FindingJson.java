package dev.containerwatch.findings;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The project's neutral JSON form of a finding: what the command line prints with {@code --format
 * json}, what the webhook sink sends, and what golden files hold.
 *
 * <pre>{@code
 * {"id": "3f1c...", "ruleId": "aks.rbac", "status": "FAILED", "severity": "High",
 *  "category": "control-plane", "title": "...", "cloud": "azure",
 *  "resourceType": "Microsoft.ContainerService/managedClusters", "resourceId": "/subscriptions/...",
 *  "subject": null, "reason": "properties.enableRBAC is false: ...",
 *  "observedAt": "2026-11-29T12:00:00Z"}
 * }</pre>
 */
public final class FindingJson {
  private FindingJson() {}

  public static ObjectNode toJson(Finding f) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", f.id().hex());
    o.put("ruleId", f.ruleId());
    o.put("status", f.status().name());
    o.put("severity", f.recommendation().severity().label());
    o.put("category", f.recommendation().category().key());
    o.put("title", f.recommendation().title());
    o.put("cloud", f.resource().cloud().key());
    o.put("resourceType", f.resource().type().nativeName());
    o.put("resourceId", f.resource().id());
    o.put("subject", f.subject());
    o.put("reason", f.reason());
    o.put("observedAt", f.observedAt().toString());
    return o;
  }

  public static ArrayNode toJson(List<Finding> findings) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    findings.forEach(f -> array.add(toJson(f)));
    return array;
  }
}
