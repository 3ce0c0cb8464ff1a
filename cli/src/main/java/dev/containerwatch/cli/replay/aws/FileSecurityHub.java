package dev.containerwatch.cli.replay.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.aws.sinks.SecurityHubApi;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Security Hub for replaying: its findings are those of the {@code GetFindings} responses in
 * {@code resources/securityhub/get-findings*.json} (what the store holds before the event), a
 * {@code GetFindings} request is answered by applying its filters to them, and every {@code
 * BatchImportFindings} request is kept (and applied, so that a later read sees it): those are the
 * payloads the function's Security Hub sink sends.
 *
 * <p>Filters read: any top-level string field ({@code ProductArn}, {@code RecordState}, {@code
 * Region}...), {@code ResourceId} (any of {@code Resources[].Id}) and {@code ProductFields}, with
 * the comparisons {@code EQUALS}, {@code PREFIX} and {@code NOT_EQUALS}.
 */
public final class FileSecurityHub implements SecurityHubApi {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final Map<String, JsonNode> stored = new LinkedHashMap<>();
  private final ArrayNode imports = F.arrayNode();

  /**
   * @param dir {@code resources/securityhub}, or null for an empty store
   */
  public FileSecurityHub(Path dir) {
    for (JsonNode page : new LocalFiles(dir, true).readAll("get-findings")) {
      page.path("Findings").forEach(f -> stored.put(f.path("Id").asText(), f));
    }
  }

  @Override
  public synchronized JsonNode batchImportFindings(String region, ArrayNode findings) {
    ObjectNode request = imports.addObject();
    request.put("operation", "BatchImportFindings");
    request.put("region", region);
    request.putObject("body").set("Findings", findings.deepCopy());
    findings.forEach(f -> stored.put(f.path("Id").asText(), f.deepCopy()));
    ObjectNode response = F.objectNode();
    response.put("FailedCount", 0);
    response.put("SuccessCount", findings.size());
    response.putArray("FailedFindings");
    return response;
  }

  @Override
  public synchronized JsonNode getFindings(String region, ObjectNode request) {
    ObjectNode response = F.objectNode();
    ArrayNode out = response.putArray("Findings");
    for (JsonNode f : stored.values()) {
      if (matches(f, request.path("Filters"))) {
        out.add(f);
      }
    }
    return response;
  }

  /** The {@code BatchImportFindings} requests received: {@code {operation, region, body}}. */
  public synchronized ArrayNode imports() {
    return imports.deepCopy();
  }

  private static boolean matches(JsonNode finding, JsonNode filters) {
    for (Map.Entry<String, JsonNode> filter : filters.properties()) {
      String field = filter.getKey();
      boolean any = false;
      for (JsonNode condition : filter.getValue()) {
        if (field.equals("ProductFields")) {
          any |=
              compare(
                  finding.path("ProductFields").path(condition.path("Key").asText()), condition);
        } else if (field.equals("ResourceId")) {
          for (JsonNode r : finding.path("Resources")) {
            any |= compare(r.path("Id"), condition);
          }
        } else {
          any |= compare(finding.path(field), condition);
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  private static boolean compare(JsonNode value, JsonNode condition) {
    String wanted = condition.path("Value").asText();
    String actual = value.isValueNode() ? value.asText() : null;
    switch (condition.path("Comparison").asText("EQUALS")) {
      case "PREFIX":
        return actual != null && actual.startsWith(wanted);
      case "NOT_EQUALS":
        return actual == null || !actual.equals(wanted);
      default:
        return wanted.equals(actual);
    }
  }
}
