package dev.containerwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A rule's parameter values: its defaults with the configuration's values over them, already
 * validated against the rule's {@link ParameterSpec}s.
 */
public final class RuleParameters {
  private static final RuleParameters NONE = new RuleParameters(Map.of());

  private final Map<String, JsonNode> values;

  RuleParameters(Map<String, JsonNode> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  /** No parameters at all: for rules that take none. */
  public static RuleParameters none() {
    return NONE;
  }

  /** The defaults of {@code specs}, as a rule sees them when nothing is configured. */
  public static RuleParameters defaults(List<ParameterSpec> specs) {
    Map<String, JsonNode> values = new java.util.LinkedHashMap<>();
    specs.forEach(s -> values.put(s.name(), s.defaultValue()));
    return new RuleParameters(values);
  }

  public JsonNode node(String name) {
    JsonNode v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("rule has no parameter " + name);
    }
    return v;
  }

  public String string(String name) {
    return node(name).asText();
  }

  public int integer(String name) {
    return node(name).asInt();
  }

  public boolean bool(String name) {
    return node(name).asBoolean();
  }

  public List<String> strings(String name) {
    List<String> out = new ArrayList<>();
    node(name).forEach(n -> out.add(n.asText()));
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RuleParameters && values.equals(((RuleParameters) o).values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    return values.toString();
  }

  /** All values, by name; for output and tests. */
  public Map<String, JsonNode> asMap() {
    return values;
  }
}
