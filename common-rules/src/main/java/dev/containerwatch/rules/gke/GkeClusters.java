package dev.containerwatch.rules.gke;

import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Snapshot;

/**
 * What several GKE rules need to know about a cluster document. GKE documents are proto3 JSON:
 * false, zero and empty values are omitted, so an absent field means its default, not "unknown".
 */
final class GkeClusters {
  private GkeClusters() {}

  static Doc of(Snapshot snapshot) {
    return Doc.of(snapshot.document());
  }

  /**
   * Autopilot clusters: Google manages node pools, node auto-repair and auto-upgrade, Dataplane V2
   * and legacy authorization; rules on those settings are not applicable.
   */
  static boolean isAutopilot(Doc cluster) {
    return cluster.get("autopilot.enabled").isTrue();
  }

  /**
   * A boolean field for reasons: {@code true}, {@code false}, or {@code absent (false)} since
   * proto3 JSON omits false; any other value as it is.
   */
  static String flag(Doc field) {
    if (field.isAbsent()) {
      return "absent (false)";
    }
    return field.bool().map(String::valueOf).orElse(field.describe());
  }
}
