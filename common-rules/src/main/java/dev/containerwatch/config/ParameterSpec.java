package dev.containerwatch.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A parameter a rule accepts, with its JSON kind, default and an optional check of its value.
 *
 * <pre>{@code
 * ParameterSpec.stringList("excludedNamespaces", List.of("kube-system"), "namespaces never evaluated")
 * ParameterSpec.string("cpuLimit", "32", "max CPU limit").checkedBy(Quantities::cpuError)
 * }</pre>
 *
 * @param check returns an error message for a value of the right kind that is still wrong (a regex
 *     that does not compile), or {@code null} when the value is fine
 */
public record ParameterSpec(
    String name,
    Kind kind,
    JsonNode defaultValue,
    String description,
    Function<JsonNode, String> check) {

  /** The JSON kind a parameter's value must have. */
  public enum Kind {
    STRING("a string"),
    INTEGER("an integer"),
    BOOLEAN("true or false"),
    STRING_LIST("a list of strings"),
    OBJECT("an object");

    private final String expected;

    Kind(String expected) {
      this.expected = expected;
    }

    /** How the kind is named in error messages. */
    public String expected() {
      return expected;
    }

    boolean accepts(JsonNode value) {
      switch (this) {
        case STRING:
          return value.isTextual();
        case INTEGER:
          return value.isIntegralNumber() && value.canConvertToInt();
        case BOOLEAN:
          return value.isBoolean();
        case STRING_LIST:
          if (!value.isArray()) {
            return false;
          }
          for (JsonNode item : value) {
            if (!item.isTextual()) {
              return false;
            }
          }
          return true;
        case OBJECT:
          return value.isObject();
        default:
          return false;
      }
    }
  }

  public ParameterSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(defaultValue, "defaultValue");
    if (!kind.accepts(defaultValue)) {
      throw new IllegalArgumentException("default of " + name + " is not " + kind.expected());
    }
  }

  public static ParameterSpec string(String name, String defaultValue, String description) {
    return new ParameterSpec(
        name, Kind.STRING, JsonNodeFactory.instance.textNode(defaultValue), description, null);
  }

  public static ParameterSpec integer(String name, int defaultValue, String description) {
    return new ParameterSpec(
        name, Kind.INTEGER, JsonNodeFactory.instance.numberNode(defaultValue), description, null);
  }

  public static ParameterSpec bool(String name, boolean defaultValue, String description) {
    return new ParameterSpec(
        name, Kind.BOOLEAN, JsonNodeFactory.instance.booleanNode(defaultValue), description, null);
  }

  public static ParameterSpec stringList(
      String name, List<String> defaultValue, String description) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    defaultValue.forEach(array::add);
    return new ParameterSpec(name, Kind.STRING_LIST, array, description, null);
  }

  public static ParameterSpec object(String name, JsonNode defaultValue, String description) {
    return new ParameterSpec(name, Kind.OBJECT, defaultValue, description, null);
  }

  /** A copy that also checks values with {@code valueCheck} (message on error, null when fine). */
  public ParameterSpec checkedBy(Function<JsonNode, String> valueCheck) {
    return new ParameterSpec(name, kind, defaultValue, description, valueCheck);
  }

  /** Why {@code value} is not acceptable, or {@code null} when it is. */
  public String problemWith(JsonNode value) {
    if (!kind.accepts(value)) {
      return "expected " + kind.expected() + ", got " + ConfigurationLoader.describe(value);
    }
    return check == null ? null : check.apply(value);
  }
}
