package dev.containerwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.engine.Status;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One file case of one rule: {@code cases/<rule-id>/<name>.yaml}.
 *
 * <pre>{@code
 * # why this case matters
 * expect:                      # one expectation, or a list of them (one per subject)
 *   status: FAILED
 *   reason: enableRBAC is false  # a substring the reason must contain (optional)
 *   subject: nginx              # the verdict's subject (optional; absent = the whole resource)
 * parameters: { ... }          # the rule's parameters for this case (optional)
 * resource: { ... }            # the primary document
 * evidence: { ... }            # evidence parts (optional)
 * cluster: arn:aws:eks:...     # the cluster a Kubernetes object belongs to (optional)
 * }</pre>
 *
 * <p>{@code expect: []} says the rule does not apply to the resource at all (no verdict).
 */
public record RuleCase(
    String ruleId,
    Path file,
    List<Expectation> expectations,
    JsonNode parameters,
    JsonNode bundle,
    String cluster) {

  /** What one verdict must be. */
  public record Expectation(Status status, String reasonContains, String subject) {}

  public String name() {
    return ruleId + "/" + file.getFileName();
  }

  static RuleCase from(String ruleId, Path file, JsonNode root) {
    JsonNode expect = root.get("expect");
    if (expect == null) {
      throw new IllegalStateException(file + ": no 'expect'");
    }
    List<Expectation> expectations = new ArrayList<>();
    for (JsonNode e : expect.isArray() ? expect : List.of(expect)) {
      expectations.add(
          new Expectation(
              Status.valueOf(e.path("status").asText()),
              e.hasNonNull("reason") ? e.get("reason").asText() : null,
              e.hasNonNull("subject") ? e.get("subject").asText() : null));
    }
    ObjectNode bundle = ((ObjectNode) root).objectNode();
    if (!root.path("resource").isObject()) {
      throw new IllegalStateException(file + ": no 'resource' mapping");
    }
    bundle.set("resource", root.get("resource"));
    if (root.has("evidence")) {
      bundle.set("evidence", root.get("evidence"));
    }
    String cluster = root.hasNonNull("cluster") ? root.get("cluster").asText() : null;
    return new RuleCase(ruleId, file, expectations, root.get("parameters"), bundle, cluster);
  }

  public boolean expects(Status status) {
    return expectations.stream().anyMatch(e -> e.status() == status);
  }
}
