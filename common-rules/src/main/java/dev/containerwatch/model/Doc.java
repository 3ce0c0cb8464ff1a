package dev.containerwatch.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.containerwatch.documents.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A read-only view of a JSON document for rules: dotted paths, tolerant booleans, and (for ARM
 * documents) case-insensitive property names.
 *
 * <p>ARM treats property names case-insensitively and its clients disagree on case ({@code
 * enableRBAC} in ARM, {@code enableRbac} in the az CLI; {@code azurepolicy} and {@code azurePolicy}
 * add-on keys), so Azure rules read with {@link #arm(JsonNode)}. Other providers' names are exact.
 *
 * <pre>{@code
 * Doc cluster = Doc.arm(document);
 * Optional<Boolean> rbac = cluster.get("properties.enableRBAC").bool();
 * }</pre>
 */
public final class Doc {
  private static final int MAX_CACHED_PATHS = 4096;
  private static final Map<String, String[]> SEGMENTS = new ConcurrentHashMap<>();

  private final JsonNode node;
  private final boolean ignoreCase;
  // The path is only needed for reasons, so it is built on demand from the parent and the step.
  private final Doc parent;
  private final String step;

  private Doc(JsonNode node, boolean ignoreCase, Doc parent, String step) {
    this.node = node == null ? MissingNode.getInstance() : node;
    this.ignoreCase = ignoreCase;
    this.parent = parent;
    this.step = step;
  }

  /** A view with exact property names. */
  public static Doc of(JsonNode node) {
    return new Doc(node, false, null, "");
  }

  /** A view with case-insensitive property names, for ARM documents. */
  public static Doc arm(JsonNode node) {
    return new Doc(node, true, null, "");
  }

  /** The node at a dotted path below this one ({@code "a.b.c"}); missing when any step is. */
  public Doc get(String dottedPath) {
    JsonNode current = node;
    for (String segment : segments(dottedPath)) {
      current = child(current, segment);
    }
    return new Doc(current, ignoreCase, this, dottedPath);
  }

  /**
   * The path's names, split once per path: rules read the same constant paths on every document,
   * and reusing the same name strings saves hashing them again for every field lookup.
   */
  private static String[] segments(String dottedPath) {
    String[] segments = SEGMENTS.get(dottedPath);
    if (segments == null) {
      segments = dottedPath.split("\\.", -1);
      // Paths are constants of the code; the bound only guards against a path made from data.
      if (SEGMENTS.size() < MAX_CACHED_PATHS) {
        SEGMENTS.putIfAbsent(dottedPath, segments);
      }
    }
    return segments;
  }

  private JsonNode child(JsonNode parent, String name) {
    if (parent == null || !parent.isObject()) {
      return MissingNode.getInstance();
    }
    JsonNode exact = parent.get(name);
    if (exact != null || !ignoreCase) {
      return exact == null ? MissingNode.getInstance() : exact;
    }
    for (Map.Entry<String, JsonNode> field : parent.properties()) {
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return MissingNode.getInstance();
  }

  /** The dotted path this view was reached by, for reasons ("properties.enableRBAC"). */
  public String path() {
    if (parent == null) {
      return step;
    }
    String base = parent.path();
    if (base.isEmpty()) {
      return step;
    }
    return step.startsWith("[") ? base + step : base + "." + step;
  }

  public JsonNode node() {
    return node;
  }

  /** True when the property is absent or JSON {@code null}. */
  public boolean isAbsent() {
    return node.isMissingNode() || node.isNull();
  }

  public boolean isPresent() {
    return !isAbsent();
  }

  /**
   * The value as a boolean: JSON booleans, the strings {@code "true"}/{@code "false"} (any case)
   * and the integers 1/0 (Azure Resource Notifications send booleans that way). Empty for anything
   * else, absent included.
   */
  public Optional<Boolean> bool() {
    if (node.isBoolean()) {
      return Optional.of(node.booleanValue());
    }
    if (node.isIntegralNumber() && (node.asLong() == 0 || node.asLong() == 1)) {
      return Optional.of(node.asLong() == 1);
    }
    if (node.isTextual()) {
      String text = node.textValue().trim().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.equals("false")) {
        return Optional.of(Boolean.parseBoolean(text));
      }
    }
    return Optional.empty();
  }

  /** True only when the value is a boolean true (in any of the forms {@link #bool()} accepts). */
  public boolean isTrue() {
    return bool().orElse(false);
  }

  /** The value as text when it is a scalar; empty when absent, null or a container. */
  public Optional<String> text() {
    if (node.isValueNode() && !node.isNull()) {
      return Optional.of(node.asText());
    }
    return Optional.empty();
  }

  /** The elements when this is an array; an empty list otherwise. */
  public List<Doc> items() {
    List<Doc> out = new ArrayList<>();
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        out.add(new Doc(node.get(i), ignoreCase, this, "[" + i + "]"));
      }
    }
    return out;
  }

  /** The text values of an array of strings; non-text elements are skipped. */
  public List<String> texts() {
    List<String> out = new ArrayList<>();
    for (Doc item : items()) {
      item.text().ifPresent(out::add);
    }
    return out;
  }

  /** The properties of an object, in document order; empty otherwise. */
  public List<Map.Entry<String, Doc>> entries() {
    List<Map.Entry<String, Doc>> out = new ArrayList<>();
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.add(
            Map.entry(field.getKey(), new Doc(field.getValue(), ignoreCase, this, field.getKey())));
      }
    }
    return out;
  }

  /** A short rendering of the value for reasons: {@code absent}, {@code null}, or the JSON. */
  public String describe() {
    if (node.isMissingNode()) {
      return "absent";
    }
    String json = Json.write(node);
    return json.length() > 120 ? json.substring(0, 117) + "..." : json;
  }

  @Override
  public String toString() {
    return path() + "=" + describe();
  }
}
