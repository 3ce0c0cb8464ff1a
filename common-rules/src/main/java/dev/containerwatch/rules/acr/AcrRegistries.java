package dev.containerwatch.rules.acr;

import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Snapshot;
import java.util.Optional;

/** What the ACR rules share about reading a registry document. */
final class AcrRegistries {
  private AcrRegistries() {}

  /**
   * The registry document (case-insensitive) when it carries the registry's properties; empty when
   * {@code properties} is absent or empty. A GET always returns them, so a document without them
   * says nothing about the settings and the rules answer {@link #withoutProperties()}.
   */
  static Optional<Doc> withProperties(Snapshot snapshot) {
    Doc registry = Doc.arm(snapshot.document());
    Doc properties = registry.get("properties");
    if (!properties.node().isObject() || properties.node().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(registry);
  }

  static Verdict withoutProperties() {
    return Verdict.unknown(
        "the registry document has no properties (not a full registry GET), so its settings"
            + " cannot be read");
  }

  /**
   * A note for failing reasons when the SKU cannot have the feature: network rules and private
   * endpoints exist only on Premium registries, so the fix is an upgrade first. Empty when the SKU
   * is Premium or not given.
   */
  static String premiumNote(Doc registry, String feature) {
    Optional<String> sku = registry.get("sku.name").text();
    if (sku.isEmpty() || sku.get().equalsIgnoreCase("Premium")) {
      return "";
    }
    return "; "
        + feature
        + " need the Premium SKU and sku.name is "
        + sku.get()
        + ", so the registry must be upgraded first";
  }
}
