package dev.containerwatch.azure.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An {@link ArmClient} answering from files, for replaying events without Azure (the command line's
 * {@code replay}): a manifest ({@code arm-routes.json}, as in {@code
 * events-samples/azure/resources}) lists, per route, the method, the ARM path (compared without
 * case), the API version, optional query parameters ({@code null}: absent) and for a POST a text
 * its body must contain, and the file holding the response body. A GET without a route is a 404.
 * PUTs and DELETEs are answered and kept, in order, in {@link #writes()}.
 *
 * <pre>{@code
 * {"routes": [{"method": "GET", "path": "/subscriptions/.../managedClusters/prod",
 *              "apiVersion": "2025-05-01", "file": "aks-prod.json"}]}
 * }</pre>
 */
public final class FileArmClient implements ArmClient {

  private final Path directory;
  private final List<JsonNode> routes = new ArrayList<>();
  private final List<JsonNode> writes = Collections.synchronizedList(new ArrayList<>());

  /**
   * @throws InvalidInputException when the manifest cannot be read
   */
  public FileArmClient(Path manifest) {
    this.directory = manifest.toAbsolutePath().normalize().getParent();
    try {
      Json.read(manifest).path("routes").forEach(routes::add);
    } catch (IOException e) {
      throw new InvalidInputException("routes manifest " + manifest + ": cannot be read");
    }
  }

  @Override
  public Optional<JsonNode> get(String path, String apiVersion) {
    return route("GET", path, apiVersion, Map.of(), null).map(this::body);
  }

  @Override
  public List<JsonNode> list(String path, String apiVersion) {
    List<JsonNode> items = new ArrayList<>();
    Map<String, String> query = Map.of();
    for (int page = 0; page < 100; page++) {
      JsonNode route =
          route("GET", path, apiVersion, query, null)
              .orElseThrow(
                  () ->
                      new ArmException(
                          "GET " + path + ": HTTP 404 ResourceNotFound", 404, "ResourceNotFound"));
      JsonNode body = body(route);
      body.path("value").forEach(items::add);
      String next = body.path("nextLink").asText("");
      int q = next.indexOf("$skipToken=");
      if (q < 0) {
        break;
      }
      String token = next.substring(q + "$skipToken=".length());
      int amp = token.indexOf('&');
      query =
          Map.of(
              "$skipToken",
              URLDecoder.decode(amp < 0 ? token : token.substring(0, amp), StandardCharsets.UTF_8));
    }
    return items;
  }

  @Override
  public JsonNode put(String path, String apiVersion, JsonNode body) {
    record("PUT", path, apiVersion, body);
    return JsonNodeFactory.instance.objectNode();
  }

  @Override
  public boolean delete(String path, String apiVersion) {
    record("DELETE", path, apiVersion, null);
    return true;
  }

  @Override
  public JsonNode post(String path, String apiVersion, JsonNode body) {
    return route("POST", path, apiVersion, Map.of(), body.toString())
        .map(this::body)
        .orElseThrow(
            () -> new ArmException("POST " + path + ": no route", 404, "ResourceNotFound"));
  }

  /** The PUTs and DELETEs received: {@code {"method", "path", "apiVersion", "body"}}, in order. */
  public ArrayNode writes() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    synchronized (writes) {
      writes.forEach(out::add);
    }
    return out;
  }

  private void record(String method, String path, String apiVersion, JsonNode body) {
    ObjectNode w = JsonNodeFactory.instance.objectNode();
    w.put("method", method);
    w.put("path", path);
    w.put("apiVersion", apiVersion);
    if (body == null) {
      w.putNull("body");
    } else {
      w.set("body", body.deepCopy());
    }
    writes.add(w);
  }

  private Optional<JsonNode> route(
      String method, String path, String apiVersion, Map<String, String> query, String body) {
    JsonNode fallback = null;
    for (JsonNode r : routes) {
      if (!r.path("method").asText().equals(method)
          || !r.path("path").asText().equalsIgnoreCase(path)
          || (r.has("apiVersion") && !r.path("apiVersion").asText().equals(apiVersion))
          || !queryMatches(r.path("query"), query)) {
        continue;
      }
      if (r.has("bodyContains")) {
        if (body != null && body.contains(r.path("bodyContains").asText())) {
          return Optional.of(r);
        }
        continue;
      }
      if (fallback == null) {
        fallback = r;
      }
    }
    return Optional.ofNullable(fallback);
  }

  private static boolean queryMatches(JsonNode expected, Map<String, String> actual) {
    for (Map.Entry<String, JsonNode> e : expected.properties()) {
      String value = actual.get(e.getKey());
      if (e.getValue().isNull() ? value != null : !e.getValue().asText().equals(value)) {
        return false;
      }
    }
    return true;
  }

  private JsonNode body(JsonNode route) {
    Path file = directory.resolve(route.path("file").asText()).normalize();
    if (!file.startsWith(directory)) {
      throw new InvalidInputException(
          "routes manifest: file " + route.path("file").asText() + " is outside it");
    }
    try {
      return Json.read(
          Files.readString(file, StandardCharsets.UTF_8)
              .replace("{{ARM}}", "https://management.azure.com"));
    } catch (IOException e) {
      throw new InvalidInputException(
          "routes manifest: cannot read " + route.path("file").asText());
    }
  }
}
