package dev.containerwatch.rules.acr;

import dev.containerwatch.model.Doc;
import java.util.Optional;

/** What the ACR rules share about reading a registry document. */
final class AcrRegistries {
  private AcrRegistries() {}

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
