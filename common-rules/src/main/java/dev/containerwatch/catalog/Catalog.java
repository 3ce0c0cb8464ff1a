package dev.containerwatch.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.containerwatch.documents.Json;
import dev.containerwatch.model.Cloud;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The recommendations this project evaluates, loaded once from the bundled {@code
 * recommendations.yaml}. The catalog is data: titles, severities, flags and texts change there,
 * never in rule code.
 *
 * <p>The build writes the same document as JSON next to it ({@link CatalogJson}, {@code
 * recommendations.json}), which is what a function reads at start: parsing the YAML costs a cold
 * JVM several hundred milliseconds (SnakeYAML, interpreted), the JSON a few tens. Without it (a run
 * from sources that skipped the build step) the YAML is read.
 *
 * <pre>{@code
 * Recommendation r = Catalog.bundled().require("aks.rbac");
 * }</pre>
 */
public final class Catalog {
  static final String RESOURCE = "/dev/containerwatch/catalog/recommendations.yaml";

  /** The same document as JSON, written by the build ({@link CatalogJson}). */
  static final String JSON_RESOURCE = "/dev/containerwatch/catalog/recommendations.json";

  private static volatile Catalog bundled;

  private final String version;
  private final Map<String, Recommendation> byId;

  private Catalog(String version, Map<String, Recommendation> byId) {
    this.version = version;
    this.byId = Collections.unmodifiableMap(byId);
  }

  /** The catalog shipped in this jar, parsed on first use. */
  public static Catalog bundled() {
    Catalog c = bundled;
    if (c == null) {
      synchronized (Catalog.class) {
        c = bundled;
        if (c == null) {
          c = parse(readBundled());
          bundled = c;
        }
      }
    }
    return c;
  }

  /** The bundled document: the build's JSON when there, else the YAML. */
  static JsonNode readBundled() {
    try (InputStream json = Catalog.class.getResourceAsStream(JSON_RESOURCE)) {
      if (json != null) {
        return Json.read(json);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled catalog", e);
    }
    return readYaml();
  }

  /** The catalog's source, {@code recommendations.yaml}. */
  static JsonNode readYaml() {
    try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("catalog resource " + RESOURCE + " is missing");
      }
      return new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the bundled catalog", e);
    }
  }

  /** Parses a catalog document; any defect is a build-time bug, reported with the entry's id. */
  static Catalog parse(JsonNode root) {
    String version = text(root, "version", "catalog");
    Map<String, Recommendation> byId = new LinkedHashMap<>();
    JsonNode entries = root.path("recommendations");
    if (!entries.isArray()) {
      throw new IllegalStateException("catalog: 'recommendations' must be a list");
    }
    for (JsonNode e : entries) {
      String id = text(e, "id", "catalog entry");
      Recommendation r =
          new Recommendation(
              id,
              Cloud.valueOf(text(e, "cloud", id).toUpperCase(Locale.ROOT)),
              text(e, "resource", id),
              Severity.parse(text(e, "severity", id)),
              Category.parse(text(e, "category", id)),
              text(e, "title", id),
              text(e, "titleJa", id),
              optionalText(e, "assessmentKey"),
              e.path("preview").asBoolean(false),
              e.path("defaultOff").asBoolean(false),
              optionalText(e, "supersededBy"),
              text(e, "description", id),
              text(e, "remediation", id));
      if (byId.put(id, r) != null) {
        throw new IllegalStateException("catalog: duplicate id " + id);
      }
    }
    return new Catalog(version, byId);
  }

  private static String text(JsonNode node, String field, String where) {
    JsonNode v = node.get(field);
    if (v == null || !v.isValueNode() || v.asText().isBlank()) {
      throw new IllegalStateException(where + ": '" + field + "' is missing or empty");
    }
    return v.asText().strip();
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.asText().isBlank() ? null : v.asText().strip();
  }

  /** The catalog's version, reported with findings so that a store shows which texts it saw. */
  public String version() {
    return version;
  }

  /** Every recommendation, in catalog order. */
  public List<Recommendation> all() {
    return new ArrayList<>(byId.values());
  }

  public Optional<Recommendation> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  public Recommendation require(String id) {
    Recommendation r = byId.get(id);
    if (r == null) {
      throw new IllegalArgumentException("no recommendation with id " + id);
    }
    return r;
  }

  public boolean contains(String id) {
    return byId.containsKey(id);
  }
}
