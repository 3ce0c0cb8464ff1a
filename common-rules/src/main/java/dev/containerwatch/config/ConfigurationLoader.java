package dev.containerwatch.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.documents.InputText;
import dev.containerwatch.documents.Json;
import dev.containerwatch.documents.Yaml;
import dev.containerwatch.engine.Rule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the one configuration document (JSON or YAML), merges it over the built-in defaults and
 * validates it. Every problem is reported at once, each naming its key:
 *
 * <pre>
 * configuration (config.yaml): rules[aks.rbac].enabled: expected true or false, got "yes";
 *   rules[k8s.nope]: unknown rule id
 * </pre>
 *
 * <p>Shape:
 *
 * <pre>{@code
 * rules:
 *   <rule-id>:
 *     enabled: true|false      # "(Enable if required)" rules default to false
 *     effect: audit|deny       # the admission path's action on failure
 *     parameters: { ... }      # the rule's parameters, e.g. excludedNamespaces
 * admission:                 # see AdmissionSettings
 *   timeBudget: 2s
 *   failurePolicy: Ignore|Fail
 * }</pre>
 *
 * <p>In a function, the document comes from the environment: {@value #ENV_INLINE} holds it inline,
 * or {@value #ENV_FILE} names a file.
 */
public final class ConfigurationLoader {
  /** Environment variable holding the configuration document itself. */
  public static final String ENV_INLINE = "CONTAINERWATCH_CONFIG";

  /** Environment variable naming a configuration file. */
  public static final String ENV_FILE = "CONTAINERWATCH_CONFIG_FILE";

  /**
   * The largest configuration document, in bytes (1 MiB): a configuration is a few kilobytes, and
   * anything much larger is not one.
   */
  public static final int MAX_SIZE = 1024 * 1024;

  private static final Set<String> TOP_LEVEL_KEYS = Set.of("admission", "rules");
  private static final Set<String> RULE_KEYS = Set.of("enabled", "effect", "parameters");

  private final Catalog catalog;
  private final Map<String, Rule> rules = new LinkedHashMap<>();

  public ConfigurationLoader(Catalog catalog, List<Rule> rules) {
    this.catalog = catalog;
    rules.forEach(r -> this.rules.put(r.id(), r));
  }

  /** The defaults alone. */
  public Configuration defaults() {
    return Configuration.defaults(catalog, List.copyOf(rules.values()));
  }

  /**
   * The configuration named by the environment ({@value #ENV_INLINE} or {@value #ENV_FILE}), or the
   * defaults when neither is set.
   */
  public Configuration fromEnvironment(Map<String, String> env) {
    String inline = env.get(ENV_INLINE);
    String file = env.get(ENV_FILE);
    boolean hasInline = inline != null && !inline.isBlank();
    boolean hasFile = file != null && !file.isBlank();
    if (hasInline && hasFile) {
      throw new InvalidInputException(
          "configuration: set either " + ENV_INLINE + " or " + ENV_FILE + ", not both");
    }
    if (hasInline) {
      return parse(inline, "environment variable " + ENV_INLINE);
    }
    if (hasFile) {
      return load(Path.of(file));
    }
    return defaults();
  }

  /** Reads and validates a configuration file: UTF-8, at most {@value #MAX_SIZE} bytes. */
  public Configuration load(Path file) {
    String where = "configuration (" + file + ")";
    byte[] content;
    try {
      long size = Files.size(file);
      if (size > MAX_SIZE) {
        throw tooLarge(where, size + " bytes");
      }
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException(where + ": cannot read: " + e.getClass().getSimpleName());
    }
    return parse(InputText.decode(where, content), file.toString());
  }

  /**
   * Parses and validates a configuration document of at most {@value #MAX_SIZE} characters; {@code
   * source} names it in messages.
   */
  public Configuration parse(String text, String source) {
    String where = "configuration (" + source + ")";
    if (text.length() > MAX_SIZE) {
      throw tooLarge(where, text.length() + " characters");
    }
    JsonNode root;
    try {
      root = readTree(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(where + ": not valid JSON or YAML: " + InputText.problem(e));
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(where + ": not valid JSON or YAML: " + e.getMessage());
    }
    List<String> problems = new ArrayList<>();
    Map<String, RuleSettings> settings = new LinkedHashMap<>(defaults().all());
    if (root == null || root.isMissingNode() || root.isNull()) {
      return new Configuration(settings, AdmissionSettings.DEFAULTS);
    }
    if (!root.isObject()) {
      throw new InvalidInputException(
          where + ": expected a mapping at the top, got " + describe(root));
    }
    root.fieldNames()
        .forEachRemaining(
            key -> {
              if (!TOP_LEVEL_KEYS.contains(key)) {
                problems.add(
                    key
                        + ": unknown key (known: "
                        + String.join(", ", new TreeSet<>(TOP_LEVEL_KEYS))
                        + ")");
              }
            });
    JsonNode rulesNode = root.path("rules");
    if (!rulesNode.isMissingNode() && !rulesNode.isNull()) {
      if (!rulesNode.isObject()) {
        problems.add("rules: expected a mapping of rule ids, got " + describe(rulesNode));
      } else {
        for (Map.Entry<String, JsonNode> entry : rulesNode.properties()) {
          readRule(entry.getKey(), entry.getValue(), settings, problems);
        }
      }
    }
    AdmissionSettings admission = AdmissionSettings.read(root.get("admission"), problems);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(where + ": " + String.join("; ", problems));
    }
    return new Configuration(settings, admission);
  }

  private static InvalidInputException tooLarge(String where, String size) {
    return new InvalidInputException(where + ": too large (" + size + "; the limit is 1 MiB)");
  }

  private void readRule(
      String id, JsonNode node, Map<String, RuleSettings> settings, List<String> problems) {
    String key = "rules[" + id + "]";
    Rule rule = rules.get(id);
    if (rule == null) {
      problems.add(
          key
              + (catalog.contains(id)
                  ? ": this recommendation is not implemented yet"
                  : ": unknown rule id"));
      return;
    }
    if (node.isNull()) {
      return;
    }
    if (!node.isObject()) {
      problems.add(key + ": expected a mapping, got " + describe(node));
      return;
    }
    node.fieldNames()
        .forEachRemaining(
            k -> {
              if (!RULE_KEYS.contains(k)) {
                problems.add(key + "." + k + ": unknown key (known: enabled, effect, parameters)");
              }
            });
    RuleSettings base = settings.get(id);
    boolean enabled = base.enabled();
    JsonNode enabledNode = node.get("enabled");
    if (enabledNode != null) {
      if (enabledNode.isBoolean()) {
        enabled = enabledNode.booleanValue();
      } else {
        problems.add(key + ".enabled: expected true or false, got " + describe(enabledNode));
      }
    }
    Effect effect = base.effect();
    JsonNode effectNode = node.get("effect");
    if (effectNode != null) {
      String text = effectNode.isTextual() ? effectNode.textValue().toLowerCase(Locale.ROOT) : "";
      if (text.equals("audit")) {
        effect = Effect.AUDIT;
      } else if (text.equals("deny")) {
        effect = Effect.DENY;
      } else if (text.equals("disabled")) {
        problems.add(key + ".effect: 'disabled' is spelled enabled: false here");
      } else {
        problems.add(key + ".effect: expected audit or deny, got " + describe(effectNode));
      }
    }
    Map<String, JsonNode> values = new LinkedHashMap<>(base.parameters().asMap());
    JsonNode params = node.get("parameters");
    if (params != null && !params.isNull()) {
      if (!params.isObject()) {
        problems.add(key + ".parameters: expected a mapping, got " + describe(params));
      } else {
        int before = problems.size();
        readParameters(key, rule, params, values, problems);
        if (problems.size() == before) {
          // Values that are each fine may still contradict each other (minPort above maxPort).
          String combined = rule.parametersProblem(new RuleParameters(values));
          if (combined != null) {
            problems.add(key + ".parameters: " + combined);
          }
        }
      }
    }
    settings.put(id, new RuleSettings(enabled, effect, new RuleParameters(values)));
  }

  private static void readParameters(
      String key, Rule rule, JsonNode params, Map<String, JsonNode> values, List<String> problems) {
    Map<String, ParameterSpec> specs = new LinkedHashMap<>();
    rule.parameters().forEach(s -> specs.put(s.name(), s));
    for (Map.Entry<String, JsonNode> p : params.properties()) {
      String pkey = key + ".parameters." + p.getKey();
      ParameterSpec spec = specs.get(p.getKey());
      if (spec == null) {
        problems.add(
            pkey
                + ": unknown parameter"
                + (specs.isEmpty()
                    ? " (this rule takes none)"
                    : " (known: " + String.join(", ", new TreeSet<>(specs.keySet())) + ")"));
        continue;
      }
      String problem = spec.problemWith(p.getValue());
      if (problem != null) {
        problems.add(pkey + ": " + problem);
      } else {
        values.put(p.getKey(), p.getValue());
      }
    }
  }

  private static JsonNode readTree(String text) throws IOException {
    String trimmed = text.stripLeading();
    // JSON is read with the JSON parser: it is faster to start and reports JSON errors precisely.
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      return Json.read(text);
    }
    return Yaml.read(text);
  }

  /** A short rendering of a JSON value for messages. */
  static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    String s = value.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }
}
