package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.documents.Json;
import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.gcp.events.GkeNames;
import dev.containerwatch.model.ResourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Clusters answered from files laid out as the API's paths: {@code
 * <root>/container/v1/projects/P/locations/L/clusters/C.json} holds the {@code clusters.get} body
 * of cluster C. For {@code cli replay} and tests; the deployed function uses {@link
 * GkeClusterLoader}.
 */
public final class FileClusterLoader implements ClusterLoader {
  private final Path root;

  public FileClusterLoader(Path root) {
    this.root = root;
  }

  /** The file of a cluster under {@code root}. */
  public static Path file(Path root, ResourceRef cluster) {
    return inside(root, "container/v1/" + GkeNames.apiName(cluster) + ".json");
  }

  /** {@code root/relative}, refusing names that would lead out of {@code root}. */
  static Path inside(Path root, String relative) {
    Path base = root.toAbsolutePath().normalize();
    Path file = base.resolve(relative).normalize();
    if (!file.startsWith(base)) {
      throw new IllegalArgumentException("name leads out of the folder: " + relative);
    }
    return file;
  }

  @Override
  public Optional<JsonNode> cluster(ResourceRef cluster) {
    Path file = file(root, cluster);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(ClusterDocuments.withSelfLink(read(file), cluster));
  }

  @Override
  public Listing clusters(String project) {
    Path locations = inside(root, "container/v1/projects/" + project + "/locations");
    List<JsonNode> out = new ArrayList<>();
    if (Files.isDirectory(locations)) {
      try (Stream<Path> files = Files.walk(locations)) {
        for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
          Path rel = locations.relativize(f);
          if (rel.getNameCount() == 3 && rel.getName(1).toString().equals("clusters")) {
            String name = rel.getName(2).toString().replaceFirst("\\.json$", "");
            ResourceRef ref =
                ResourceDocuments.gkeCluster(project, rel.getName(0).toString(), name);
            out.add(ClusterDocuments.withSelfLink(read(f), ref));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Listing(out, List.of());
  }

  static JsonNode read(Path file) {
    try {
      return Json.read(file);
    } catch (IOException e) {
      throw new LoadException("cannot read " + file.getFileName() + ": " + e.getMessage(), e);
    }
  }
}
