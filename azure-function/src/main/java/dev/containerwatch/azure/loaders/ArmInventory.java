package dev.containerwatch.azure.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.model.ResourceType;
import java.util.List;

/**
 * Lists a subscription's resources from ARM: {@code GET /subscriptions/{s}/providers/{type}} with
 * the type's pinned API version, every page.
 */
public final class ArmInventory implements Inventory {
  private final ArmClient arm;

  public ArmInventory(ArmClient arm) {
    this.arm = arm;
  }

  @Override
  public List<JsonNode> list(ResourceType type, String subscription) {
    return arm.list(
        "/subscriptions/" + subscription + "/providers/" + type.nativeName(),
        ArmResourceLoader.apiVersion(type));
  }
}
