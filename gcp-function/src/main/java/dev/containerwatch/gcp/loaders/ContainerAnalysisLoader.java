package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.containerwatch.InvalidInputException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads Grafeas v1 occurrences from the Container Analysis REST API ({@code
 * containeranalysis.googleapis.com/v1}): {@code projects.occurrences.get} and {@code
 * projects.occurrences.list} filtered by {@code resourceUrl}, every page. The REST JSON is already
 * the canonical form; no protobuf is involved.
 *
 * <p>Why REST and not {@code io.grafeas:grafeas}'s {@code GrafeasClient}: that client (2.89.0, from
 * the libraries BOM) has only a gRPC transport, and the answers would be turned back into this very
 * JSON anyway.
 */
public final class ContainerAnalysisLoader implements OccurrenceLoader {
  /** Pages of 1000: an image with more than this many occurrences is not read partially. */
  static final int PAGE_SIZE = 1000;

  static final int MAX_PAGES = 50;
  private static final Pattern NAME = Pattern.compile("^projects/[^/]+/occurrences/[^/]+$");
  private static final Pattern PROJECT = Pattern.compile("^[a-z][a-z0-9.:-]*[a-z0-9]$");

  private final GoogleRest rest;
  private final String endpoint;

  /**
   * @param endpoint {@code https://containeranalysis.googleapis.com}, or a regional or private
   *     endpoint
   */
  public ContainerAnalysisLoader(GoogleRest rest, String endpoint) {
    this.rest = rest;
    this.endpoint =
        endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
  }

  @Override
  public Optional<JsonNode> occurrence(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an occurrence name: " + name);
    }
    return rest.getJson(URI.create(endpoint + "/v1/" + name), "Artifact Analysis GET " + name);
  }

  @Override
  public JsonNode occurrencesOf(String project, String resourceUri) {
    if (!PROJECT.matcher(project).matches()) {
      throw new IllegalArgumentException("not a project id: " + project);
    }
    ArrayNode all = JsonNodeFactory.instance.arrayNode();
    String filter = "resourceUrl=\"" + resourceUri.replace("\"", "") + "\"";
    String token = "";
    for (int page = 0; page < MAX_PAGES; page++) {
      String url =
          endpoint
              + "/v1/projects/"
              + project
              + "/occurrences?filter="
              + encode(filter)
              + "&pageSize="
              + PAGE_SIZE
              + (token.isEmpty() ? "" : "&pageToken=" + encode(token));
      JsonNode body =
          rest.getJson(URI.create(url), "Artifact Analysis list occurrences of " + resourceUri)
              .orElseThrow(
                  () ->
                      new LoadException(
                          "Artifact Analysis: project " + project + " has no occurrences API"));
      token = readPage(body, all);
      if (token.isEmpty()) {
        return all;
      }
    }
    throw new LoadException(
        "Artifact Analysis: "
            + resourceUri
            + " has more than "
            + MAX_PAGES * PAGE_SIZE
            + " occurrences; not read partially");
  }

  /**
   * Adds the occurrences of one {@code occurrences.list} answer to {@code into}.
   *
   * @return the next page's token, empty after the last page
   * @throws InvalidInputException when the answer is not a list page ({@code occurrences} not an
   *     array of objects, {@code nextPageToken} not a string)
   */
  public static String readPage(JsonNode body, ArrayNode into) {
    if (body == null || !body.isObject()) {
      throw new InvalidInputException("Artifact Analysis: the occurrences list is not an object");
    }
    JsonNode page = body.path("occurrences");
    if (!page.isMissingNode() && !page.isNull()) {
      if (!page.isArray()) {
        throw new InvalidInputException(
            "Artifact Analysis: 'occurrences' of the list is not an array");
      }
      for (JsonNode o : page) {
        if (!o.isObject()) {
          throw new InvalidInputException(
              "Artifact Analysis: an occurrence of the list is not an object");
        }
        into.add(o);
      }
    }
    JsonNode token = body.path("nextPageToken");
    if (!token.isMissingNode() && !token.isNull() && !token.isTextual()) {
      throw new InvalidInputException("Artifact Analysis: 'nextPageToken' is not a string");
    }
    return token.asText("");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
