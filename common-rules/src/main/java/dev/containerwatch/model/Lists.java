package dev.containerwatch.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads evidence that may arrive as a JSON array or as an ARM list response ({@code {"value":
 * [...]}}).
 */
public final class Lists {
  private Lists() {}

  /**
   * The items of an array or ARM list; empty when the node is neither (an evidence part must be
   * checked for presence with {@link Snapshot#evidence} first).
   */
  public static List<JsonNode> items(JsonNode listOrArray) {
    JsonNode array = listOrArray;
    if (listOrArray != null && listOrArray.isObject() && listOrArray.has("value")) {
      array = listOrArray.get("value");
    }
    List<JsonNode> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(out::add);
    }
    return out;
  }

  /** True when the node is an array or an ARM list, i.e. a readable list (possibly empty). */
  public static boolean isList(JsonNode node) {
    return node != null && (node.isArray() || (node.isObject() && node.path("value").isArray()));
  }

  /** The items of an evidence part, or empty when the part is absent or not a list. */
  public static Optional<List<JsonNode>> of(Optional<JsonNode> part) {
    return part.filter(Lists::isList).map(Lists::items);
  }
}
