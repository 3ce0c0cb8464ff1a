package dev.containerwatch.azure.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.model.ResourceType;
import java.util.List;

/** What the sweep lists in a subscription. */
public interface Inventory {

  /** Every resource of an ARM type in a subscription, as the list response gives it. */
  List<JsonNode> list(ResourceType type, String subscription);
}
