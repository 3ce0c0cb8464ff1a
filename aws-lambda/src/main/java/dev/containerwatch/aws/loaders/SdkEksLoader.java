package dev.containerwatch.aws.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.eks.model.ResourceNotFoundException;

/**
 * {@link EksLoader} through the EKS API: {@code DescribeCluster}, {@code ListNodegroups} + {@code
 * DescribeNodegroup}, {@code ListAddons} + {@code DescribeAddon}, {@code ListClusters} (paginated).
 */
public final class SdkEksLoader implements EksLoader {
  private final AwsClients clients;

  public SdkEksLoader(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public Optional<JsonNode> cluster(AwsScope scope, String name) {
    try {
      return Optional.of(
          SdkJson.toJson(clients.eks(scope).describeCluster(r -> r.name(name)).cluster()));
    } catch (ResourceNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public JsonNode nodegroups(AwsScope scope, String cluster) {
    EksClient eks = clients.eks(scope);
    return describeEach(
        () -> eks.listNodegroupsPaginator(r -> r.clusterName(cluster)).nodegroups(),
        name -> eks.describeNodegroup(r -> r.clusterName(cluster).nodegroupName(name)).nodegroup());
  }

  @Override
  public JsonNode addons(AwsScope scope, String cluster) {
    EksClient eks = clients.eks(scope);
    return describeEach(
        () -> eks.listAddonsPaginator(r -> r.clusterName(cluster)).addons(),
        name -> eks.describeAddon(r -> r.clusterName(cluster).addonName(name)).addon());
  }

  /**
   * Each listed item of a cluster, described. One deleted between the list and the read is left
   * out; when the cluster itself went away, there are none.
   */
  private static ArrayNode describeEach(
      Supplier<Iterable<String>> names, Function<String, Object> describe) {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    try {
      for (String name : names.get()) {
        try {
          out.add(SdkJson.toJson(describe.apply(name)));
        } catch (ResourceNotFoundException e) {
          // deleted between the list and the read: not there any more
        }
      }
    } catch (ResourceNotFoundException e) {
      // the cluster went away: nothing of it
    }
    return out;
  }

  @Override
  public List<String> clusterNames(AwsScope scope) {
    List<String> names = new ArrayList<>();
    clients.eks(scope).listClustersPaginator(r -> r.maxResults(100)).clusters().forEach(names::add);
    return names;
  }
}
