package dev.containerwatch.aws.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;

/**
 * Reads EKS clusters in the canonical shape (see ARCHITECTURE.md): {@code DescribeCluster} → {@code
 * cluster}, and its node groups and add-ons as evidence. The function uses the SDK implementation;
 * a local loader answering from files can replace it.
 */
public interface EksLoader {

  /** {@code DescribeCluster} → {@code cluster}; empty when the cluster does not exist. */
  Optional<JsonNode> cluster(AwsScope scope, String name);

  /** The {@code DescribeNodegroup} → {@code nodegroup} items of a cluster (an array). */
  JsonNode nodegroups(AwsScope scope, String cluster);

  /** The {@code DescribeAddon} → {@code addon} items of a cluster (an array). */
  JsonNode addons(AwsScope scope, String cluster);

  /** The names of every cluster of the account in the region ({@code ListClusters}). */
  List<String> clusterNames(AwsScope scope);
}
