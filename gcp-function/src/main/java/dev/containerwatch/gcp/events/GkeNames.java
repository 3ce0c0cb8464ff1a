package dev.containerwatch.gcp.events;

import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.model.ResourceRef;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GKE resource names as events spell them: full ({@code //container.googleapis.com/projects/P/...})
 * or relative ({@code projects/P/...}), zonal ({@code zones/Z}) or not ({@code locations/L}), of a
 * cluster or of one of its node pools. All give the cluster's canonical reference, with zones
 * spelled {@code locations} as the container v1 API does.
 */
public final class GkeNames {
  private static final Pattern CLUSTER =
      Pattern.compile(
          "^(?://container\\.googleapis\\.com/)?projects/([^/]+)/(?:locations|zones)/([^/]+)/clusters/([^/]+)(/nodePools/([^/]+))?$");

  private GkeNames() {}

  /** The cluster a name designates (itself, or the cluster of a node pool). */
  public static Optional<ResourceRef> cluster(String name) {
    if (name == null) {
      return Optional.empty();
    }
    Matcher m = CLUSTER.matcher(name);
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(ResourceDocuments.gkeCluster(m.group(1), m.group(2), m.group(3)));
  }

  /** True when the name is a node pool's. */
  public static boolean isNodePool(String name) {
    Matcher m = CLUSTER.matcher(name == null ? "" : name);
    return m.matches() && m.group(5) != null;
  }

  /**
   * The container v1 name of a cluster reference, {@code projects/P/locations/L/clusters/C}, as
   * {@code clusters.get} takes it.
   */
  public static String apiName(ResourceRef cluster) {
    return cluster.id().substring("//container.googleapis.com/".length());
  }

  /** The {@code selfLink} the container v1 API gives the cluster. */
  public static String selfLink(ResourceRef cluster) {
    return "https://container.googleapis.com/v1/" + apiName(cluster);
  }
}
