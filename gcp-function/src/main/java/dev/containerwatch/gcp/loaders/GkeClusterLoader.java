package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.NotFoundException;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.container.v1.Cluster;
import com.google.container.v1.ListClustersResponse;
import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.gcp.events.GkeNames;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads clusters with {@code google-cloud-container}'s cluster manager client ({@code
 * clusters.get}, {@code clusters.list} over {@code locations/-}), converting the protobuf {@code
 * Cluster} to the REST JSON form. The client is built on first use and shared.
 *
 * <p>The client's own retries are off ({@link GcpClients}); this loader retries throttling
 * (honouring the server's {@code RetryInfo} delay), server errors, timeouts, broken connections and
 * answers the client could not read, with the bounded backoff of {@link RetryPolicy}. What still
 * fails, or fails for good (permission), is a {@link LoadException}; a cluster that does not exist
 * is empty.
 */
public final class GkeClusterLoader implements ClusterLoader {
  private final Supplier<ClusterManagerClient> client;
  private final RetryPolicy policy;
  private final Retry.Sleeper sleeper;

  public GkeClusterLoader(
      Supplier<ClusterManagerClient> client, RetryPolicy policy, Retry.Sleeper sleeper) {
    this.client = client;
    this.policy = policy;
    this.sleeper = sleeper;
  }

  @Override
  public Optional<JsonNode> cluster(ResourceRef cluster) {
    String name = GkeNames.apiName(cluster);
    Optional<Cluster> c = read("GKE clusters.get " + name, () -> client.get().getCluster(name));
    return c.map(found -> ClusterDocuments.withSelfLink(ClusterDocuments.toJson(found), cluster));
  }

  @Override
  public Listing clusters(String project) {
    String parent = "projects/" + project + "/locations/-";
    ListClustersResponse response =
        read("GKE clusters.list " + parent, () -> client.get().listClusters(parent))
            .orElseThrow(() -> new LoadException("GKE clusters.list " + parent + ": not found"));
    List<JsonNode> out = new ArrayList<>();
    for (Cluster c : response.getClustersList()) {
      ResourceRef ref = ResourceDocuments.gkeCluster(project, c.getLocation(), c.getName());
      out.add(ClusterDocuments.withSelfLink(ClusterDocuments.toJson(c), ref));
    }
    return new Listing(out, response.getMissingZonesList());
  }

  /** One read, retried; empty for NOT_FOUND. */
  private <T> Optional<T> read(String what, Supplier<T> call) {
    try {
      return Retry.call(
          what,
          policy,
          sleeper,
          () -> {
            try {
              return Optional.of(call.get());
            } catch (NotFoundException e) {
              return Optional.<T>empty();
            } catch (ApiException e) {
              StatusCode.Code code = e.getStatusCode().getCode();
              String problem = code + ": " + ApiErrors.firstLine(e.getMessage());
              if (ApiErrors.TRANSIENT.contains(code)) {
                throw new Retry.Retryable(problem, ApiErrors.retryDelay(e));
              }
              throw new LoadException(what + ": " + problem, e);
            } catch (LoadException e) {
              throw e;
            } catch (RuntimeException e) {
              // The client could not read the answer (a garbled or cut body).
              throw new Retry.Retryable(
                  "unreadable answer: " + ApiErrors.firstLine(e.getMessage()), null);
            }
          });
    } catch (SinkException e) {
      if (e.getCause() instanceof LoadException load) {
        throw load;
      }
      throw new LoadException(e.getMessage(), e);
    }
  }
}
