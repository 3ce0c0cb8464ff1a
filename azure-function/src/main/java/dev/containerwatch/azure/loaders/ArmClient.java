package dev.containerwatch.azure.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * The ARM REST calls containerwatch makes, by resource path ({@code /subscriptions/...}) and pinned
 * API version (see {@link ApiVersions}). Throttling (429) and server errors are retried with
 * backoff, honouring {@code Retry-After}; a call that still fails throws {@link ArmException}.
 */
public interface ArmClient {

  /** GET a resource; empty when ARM answers 404. */
  Optional<JsonNode> get(String path, String apiVersion);

  /** GET a list, following {@code nextLink}: the items of every page. */
  List<JsonNode> list(String path, String apiVersion);

  /** PUT a body; the response body (or an empty object). */
  JsonNode put(String path, String apiVersion, JsonNode body);

  /** DELETE; false when the resource did not exist (204 or 404). */
  boolean delete(String path, String apiVersion);

  /** POST a body (Resource Graph queries); the response body. */
  JsonNode post(String path, String apiVersion, JsonNode body);
}
