package dev.containerwatch.rules.aks;

import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Snapshot;
import java.util.Optional;

/** What the AKS rules share about reading a managed cluster document. */
final class AksClusters {
  private AksClusters() {}

  /**
   * The cluster document (case-insensitive) when it carries the cluster's properties; empty when
   * {@code properties} is absent or empty. A GET always returns the properties, so a document
   * without them (a delete notification, a bare reference) says nothing about the settings and the
   * rules answer {@link #withoutProperties()} instead of reading absent fields as "off".
   */
  static Optional<Doc> withProperties(Snapshot snapshot) {
    Doc cluster = Doc.arm(snapshot.document());
    Doc properties = cluster.get("properties");
    if (!properties.node().isObject() || properties.node().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(cluster);
  }

  static Verdict withoutProperties() {
    return Verdict.unknown(
        "the cluster document has no properties (not a full managed cluster GET), so its"
            + " settings cannot be read");
  }
}
