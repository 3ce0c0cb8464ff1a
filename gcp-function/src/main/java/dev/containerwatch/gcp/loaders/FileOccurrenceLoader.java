package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Occurrences answered from files laid out as the API's paths, for {@code cli replay} and tests:
 *
 * <ul>
 *   <li>{@code <root>/containeranalysis/v1/projects/P/occurrences/ID.json}: the {@code
 *       occurrences.get} body;
 *   <li>{@code <root>/containeranalysis/v1/projects/P/occurrences-by-resource/<resource>.json}: the
 *       {@code occurrences.list} answer for one resource URI, where {@code <resource>} is the URI
 *       without its scheme and with {@code @sha256:} written {@code /sha256-} ({@link
 *       #resourcePath}).
 * </ul>
 *
 * An image without a file has no occurrences (not scanned yet).
 */
public final class FileOccurrenceLoader implements OccurrenceLoader {
  private final Path root;

  public FileOccurrenceLoader(Path root) {
    this.root = root;
  }

  /** The file of an image's occurrence list, relative to the project's folder. */
  public static String resourcePath(String resourceUri) {
    return resourceUri.replaceFirst("^[a-z]+://", "").replace("@sha256:", "/sha256-") + ".json";
  }

  @Override
  public Optional<JsonNode> occurrence(String name) {
    Path file = FileClusterLoader.inside(root, "containeranalysis/v1/" + name + ".json");
    return Files.isRegularFile(file) ? Optional.of(FileClusterLoader.read(file)) : Optional.empty();
  }

  @Override
  public JsonNode occurrencesOf(String project, String resourceUri) {
    Path file =
        FileClusterLoader.inside(
            root,
            "containeranalysis/v1/projects/"
                + project
                + "/occurrences-by-resource/"
                + resourcePath(resourceUri));
    ArrayNode all = JsonNodeFactory.instance.arrayNode();
    if (Files.isRegularFile(file)) {
      FileClusterLoader.read(file).path("occurrences").forEach(all::add);
    }
    return all;
  }
}
