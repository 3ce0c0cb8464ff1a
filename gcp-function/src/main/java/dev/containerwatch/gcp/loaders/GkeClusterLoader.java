package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.container.v1.Cluster;
import com.google.container.v1.ListClustersResponse;
import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.gcp.events.GkeNames;
import dev.containerwatch.model.ResourceRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads clusters with {@code google-cloud-container}'s cluster manager client ({@code
 * clusters.get}, {@code clusters.list} over {@code locations/-}), converting the protobuf {@code
 * Cluster} to the REST JSON form. The client is built on first use and shared.
 *
 * <p>Read failures are retried by the client (its default retry settings: UNAVAILABLE and
 * DEADLINE_EXCEEDED, with backoff); what still fails is a {@link LoadException}.
 */
public final class GkeClusterLoader implements ClusterLoader {
  private final Supplier<ClusterManagerClient> client;

  public GkeClusterLoader(Supplier<ClusterManagerClient> client) {
    this.client = client;
  }

  @Override
  public Optional<JsonNode> cluster(ResourceRef cluster) {
    String name = GkeNames.apiName(cluster);
    try {
      Cluster c = client.get().getCluster(name);
      return Optional.of(ClusterDocuments.withSelfLink(ClusterDocuments.toJson(c), cluster));
    } catch (NotFoundException e) {
      return Optional.empty();
    } catch (ApiException e) {
      throw new LoadException(
          "GKE clusters.get " + name + ": " + e.getStatusCode().getCode() + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public Listing clusters(String project) {
    String parent = "projects/" + project + "/locations/-";
    ListClustersResponse response;
    try {
      response = client.get().listClusters(parent);
    } catch (ApiException e) {
      throw new LoadException(
          "GKE clusters.list "
              + parent
              + ": "
              + e.getStatusCode().getCode()
              + ": "
              + e.getMessage(),
          e);
    }
    List<JsonNode> out = new ArrayList<>();
    for (Cluster c : response.getClustersList()) {
      ResourceRef ref = ResourceDocuments.gkeCluster(project, c.getLocation(), c.getName());
      out.add(ClusterDocuments.withSelfLink(ClusterDocuments.toJson(c), ref));
    }
    return new Listing(out, response.getMissingZonesList());
  }
}
