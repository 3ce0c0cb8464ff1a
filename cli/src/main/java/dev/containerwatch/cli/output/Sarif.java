package dev.containerwatch.cli.output;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.catalog.Recommendation;
import dev.containerwatch.catalog.Severity;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 for CI code scanning: one rule per recommendation of the catalog (title, description,
 * remediation as help, level and {@code security-severity} from its severity), one result per
 * FAILED finding, located in the input file it came from (the whole document: SARIF consumers need
 * a line, and a finding is about the document, so line 1), with the resource as a logical location
 * and the finding's deterministic id as its fingerprint, so an alert keeps its identity across
 * runs.
 */
public final class Sarif {
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Sarif() {}

  /** A finding and the input file it came from (a path relative to where the tool runs). */
  public record Located(Finding finding, String uri) {}

  public static ObjectNode log(Catalog catalog, List<Located> findings, String toolVersion) {
    ObjectNode log = F.objectNode();
    log.put("$schema", SCHEMA);
    log.put("version", "2.1.0");
    ObjectNode run = log.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "containerwatch");
    driver.put("version", toolVersion);
    ArrayNode rules = driver.putArray("rules");
    Map<String, Integer> index = new HashMap<>();
    for (Recommendation r : catalog.all()) {
      index.put(r.id(), rules.size());
      ObjectNode rule = rules.addObject();
      rule.put("id", r.id());
      rule.putObject("shortDescription").put("text", r.title());
      rule.putObject("fullDescription")
          .put("text", r.description() == null ? r.title() : r.description());
      if (r.remediation() != null) {
        rule.putObject("help").put("text", r.remediation());
      }
      rule.putObject("defaultConfiguration").put("level", level(r.severity()));
      ObjectNode props = rule.putObject("properties");
      props.putArray("tags").add("security").add(r.cloud().key()).add(r.category().key());
      props.put("precision", "high");
      props.put("security-severity", securitySeverity(r.severity()));
      props.put("severity", r.severity().label());
    }
    run.put("columnKind", "unicodeCodePoints");
    ArrayNode results = run.putArray("results");
    for (Located l : findings) {
      Finding f = l.finding();
      if (f.status() != Status.FAILED) {
        continue;
      }
      ObjectNode result = results.addObject();
      result.put("ruleId", f.ruleId());
      if (index.containsKey(f.ruleId())) {
        result.put("ruleIndex", index.get(f.ruleId()));
      }
      result.put("level", level(f.recommendation().severity()));
      String subject = f.subject() == null ? "" : " (" + f.subject() + ")";
      result.putObject("message").put("text", f.resource().name() + subject + ": " + f.reason());
      ObjectNode location = result.putArray("locations").addObject();
      ObjectNode physical = location.putObject("physicalLocation");
      physical.putObject("artifactLocation").put("uri", l.uri());
      physical.putObject("region").put("startLine", 1);
      location
          .putArray("logicalLocations")
          .addObject()
          .put("fullyQualifiedName", f.resource().id())
          .put("kind", "resource");
      result.putObject("partialFingerprints").put("containerwatchFindingId/v1", f.id().hex());
      ObjectNode props = result.putObject("properties");
      props.put("findingId", f.id().hex());
      props.put("cloud", f.resource().cloud().key());
      props.put("resourceType", f.resource().type().nativeName());
      props.put("resourceId", f.resource().id());
      props.put("subject", f.subject());
      props.put("observedAt", f.observedAt().toString());
    }
    return log;
  }

  /** error for High (and unstated, shown as High), warning for Medium, note for Low. */
  static String level(Severity severity) {
    switch (severity.effective()) {
      case HIGH:
        return "error";
      case MEDIUM:
        return "warning";
      default:
        return "note";
    }
  }

  /** GitHub's scale: 7.0 and above is high, 4.0 medium, below low. */
  static String securitySeverity(Severity severity) {
    switch (severity.effective()) {
      case HIGH:
        return "8.0";
      case MEDIUM:
        return "5.5";
      default:
        return "3.0";
    }
  }
}
