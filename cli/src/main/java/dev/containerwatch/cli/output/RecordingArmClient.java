package dev.containerwatch.cli.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.azure.loaders.ArmClient;
import dev.containerwatch.azure.loaders.ArmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An ARM with nothing in it that keeps what is written: a GET finds nothing, a list is empty, PUTs
 * and DELETEs are kept in order, as {@code {"method", "path", "apiVersion", "body"}} (the form of
 * the Azure module's {@code FileArmClient}). What the Defender sink sends to it are the {@code
 * defender} output's requests.
 */
public final class RecordingArmClient implements ArmClient {
  private final List<JsonNode> writes = new ArrayList<>();

  @Override
  public Optional<JsonNode> get(String path, String apiVersion) {
    return Optional.empty();
  }

  @Override
  public List<JsonNode> list(String path, String apiVersion) {
    return List.of();
  }

  @Override
  public synchronized JsonNode put(String path, String apiVersion, JsonNode body) {
    record("PUT", path, apiVersion, body);
    return JsonNodeFactory.instance.objectNode();
  }

  @Override
  public synchronized boolean delete(String path, String apiVersion) {
    record("DELETE", path, apiVersion, null);
    return true;
  }

  @Override
  public JsonNode post(String path, String apiVersion, JsonNode body) {
    throw new ArmException("POST " + path + ": nothing to answer offline", 404, "ResourceNotFound");
  }

  /** The PUTs and DELETEs received, in order. */
  public synchronized ArrayNode writes() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    writes.forEach(w -> out.add(w.deepCopy()));
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
}
