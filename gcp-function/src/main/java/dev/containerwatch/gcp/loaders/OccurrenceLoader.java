package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * Reads Artifact Analysis (Grafeas v1) occurrences in their REST JSON form, the form {@link
 * dev.containerwatch.vulnerabilities.sources.ArtifactAnalysisOccurrences} parses.
 */
public interface OccurrenceLoader {

  /**
   * One occurrence ({@code projects/P/occurrences/ID}), or empty when it no longer exists.
   *
   * @throws LoadException when the API cannot be read
   */
  Optional<JsonNode> occurrence(String name);

  /**
   * Every vulnerability and discovery occurrence of one resource (an image, by its {@code
   * resourceUri}), all pages, as a JSON array of occurrences.
   *
   * @throws LoadException when the API cannot be read
   */
  JsonNode occurrencesOf(String project, String resourceUri);
}
