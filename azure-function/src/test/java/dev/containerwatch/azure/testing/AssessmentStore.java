package dev.containerwatch.azure.testing;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.azure.loaders.ArmClient;
import dev.containerwatch.azure.loaders.FileArmClient;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * ARM with a memory: Defender assessments are stored as they are PUT, answered to GETs and removed
 * by DELETEs, as Defender does (the last write wins: no ETag); every other call is answered from
 * the samples' files ({@link FileArmClient}). Counts the writes of each assessment.
 */
public final class AssessmentStore implements ArmClient {
  private static final String ASSESSMENTS = "/providers/microsoft.security/assessments/";

  private final FileArmClient files =
      new FileArmClient(Samples.RESOURCES.resolve("arm-routes.json"));
  private final Map<String, JsonNode> stored = new TreeMap<>();
  private final Map<String, Integer> writes = new HashMap<>();

  private static boolean assessment(String path) {
    return path.toLowerCase(Locale.ROOT).contains(ASSESSMENTS);
  }

  private static String key(String path) {
    return path.toLowerCase(Locale.ROOT);
  }

  @Override
  public Optional<JsonNode> get(String path, String apiVersion) {
    return assessment(path)
        ? Optional.ofNullable(stored.get(key(path))).map(JsonNode::deepCopy)
        : files.get(path, apiVersion);
  }

  @Override
  public List<JsonNode> list(String path, String apiVersion) {
    return files.list(path, apiVersion);
  }

  @Override
  public JsonNode put(String path, String apiVersion, JsonNode body) {
    if (assessment(path)) {
      stored.put(key(path), body.deepCopy());
      writes.merge(key(path), 1, Integer::sum);
    }
    return body;
  }

  @Override
  public boolean delete(String path, String apiVersion) {
    writes.merge(key(path), 1, Integer::sum);
    return stored.remove(key(path)) != null;
  }

  @Override
  public JsonNode post(String path, String apiVersion, JsonNode body) {
    return files.post(path, apiVersion, body);
  }

  /** The stored assessments by lower-case path (a copy). */
  public Map<String, JsonNode> assessments() {
    Map<String, JsonNode> copy = new TreeMap<>();
    stored.forEach((k, v) -> copy.put(k, v.deepCopy()));
    return copy;
  }

  /** PUTs and DELETEs of each assessment so far, by lower-case path. */
  public Map<String, Integer> writes() {
    return new HashMap<>(writes);
  }

  /** The stored assessment of a scope and rule key. */
  public Optional<JsonNode> assessment(String scope, String key) {
    return Optional.ofNullable(
        stored.get(key(scope + "/providers/Microsoft.Security/assessments/" + key)));
  }
}
