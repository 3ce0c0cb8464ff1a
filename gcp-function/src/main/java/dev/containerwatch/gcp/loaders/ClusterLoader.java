package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.model.ResourceRef;
import java.util.List;
import java.util.Optional;

/**
 * Reads GKE clusters as canonical documents: the container v1 {@code projects.locations.clusters}
 * GET body, node pools inside, with a {@code selfLink}. The deployed function reads them through
 * the cluster manager client ({@link GkeClusterLoader}); {@code cli replay} answers from files.
 */
public interface ClusterLoader {

  /**
   * The cluster's document, or empty when it does not exist (any more).
   *
   * @throws LoadException when the API cannot be read
   */
  Optional<JsonNode> cluster(ResourceRef cluster);

  /**
   * Every cluster of a project, in every location.
   *
   * @throws LoadException when the API cannot be read
   */
  Listing clusters(String project);

  /**
   * The clusters of a project.
   *
   * @param unreachable locations the API could not reach (their clusters are missing)
   */
  record Listing(List<JsonNode> clusters, List<String> unreachable) {
    public Listing {
      clusters = List.copyOf(clusters);
      unreachable = List.copyOf(unreachable);
    }
  }
}
