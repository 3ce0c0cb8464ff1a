package dev.containerwatch.azure.handlers;

import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What an invocation did: the findings it wrote, the resources whose findings it resolved, and the
 * events or records it acknowledged without acting on them, each with the reason.
 */
public record Outcome(
    List<Finding> findings, List<String> resolved, List<String> ignored, List<String> rejected) {

  public Outcome {
    findings = List.copyOf(findings);
    resolved = List.copyOf(resolved);
    ignored = List.copyOf(ignored);
    rejected = List.copyOf(rejected);
  }

  /** Counts per status, for the summary log line. */
  public Map<String, Integer> counts() {
    Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
    findings.forEach(f -> byStatus.merge(f.status(), 1, Integer::sum));
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    byStatus.forEach((k, v) -> out.put(k.name(), v));
    return out;
  }
}
