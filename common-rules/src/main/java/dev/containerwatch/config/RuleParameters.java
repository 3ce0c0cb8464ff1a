package dev.containerwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A rule's parameter values: its defaults with the configuration's values over them, already
 * validated against the rule's {@link ParameterSpec}s.
 */
public final class RuleParameters {
  private static final RuleParameters NONE = new RuleParameters(Map.of());

  private final Map<String, JsonNode> values;

  /** Values derived from the parameters (compiled patterns, parsed quantities), made once. */
  private final Map<String, Object> derived = new ConcurrentHashMap<>();

  private final Map<String, List<String>> lists = new ConcurrentHashMap<>();

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

  /** The values of a string-list parameter (unmodifiable). */
  public List<String> strings(String name) {
    // Keyed by the name itself: rules pass constants, whose hash codes are already computed.
    List<String> list = lists.get(name);
    if (list == null) {
      List<String> out = new ArrayList<>();
      node(name).forEach(n -> out.add(n.asText()));
      list = List.copyOf(out);
      lists.putIfAbsent(name, list);
    }
    return list;
  }

  /**
   * The values of a string-list parameter as a set, for membership tests that run on every object
   * (excluded namespaces, excluded containers).
   */
  public Set<String> stringSet(String name) {
    return derived("stringSet:" + name, q -> Set.copyOf(q.strings(name)));
  }

  /**
   * A value derived from the parameters, computed on first use and kept: parameters do not change
   * once loaded, and rules run on every object, so a rule compiles its pattern or parses its limits
   * once rather than per evaluation.
   *
   * <pre>{@code
   * Pattern allowed = p.derived("pattern", q -> Pattern.compile(q.string("allowedContainerImagesRegex")));
   * }</pre>
   *
   * @param key names the derived value; unique within the rule
   */
  @SuppressWarnings("unchecked")
  public <T> T derived(String key, Function<RuleParameters, T> compute) {
    Object value = derived.get(key);
    if (value == null) {
      value = compute.apply(this);
      derived.putIfAbsent(key, value);
    }
    return (T) value;
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
