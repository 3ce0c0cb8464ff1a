package dev.containerwatch.aws.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    try {
      for (String name : eks.listNodegroupsPaginator(r -> r.clusterName(cluster)).nodegroups()) {
        try {
          out.add(
              SdkJson.toJson(
                  eks.describeNodegroup(r -> r.clusterName(cluster).nodegroupName(name))
                      .nodegroup()));
        } catch (ResourceNotFoundException e) {
          // deleted between the list and the read: not there any more
        }
      }
    } catch (ResourceNotFoundException e) {
      // the cluster went away: no node groups
    }
    return out;
  }

  @Override
  public JsonNode addons(AwsScope scope, String cluster) {
    EksClient eks = clients.eks(scope);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    try {
      for (String name : eks.listAddonsPaginator(r -> r.clusterName(cluster)).addons()) {
        try {
          out.add(
              SdkJson.toJson(
                  eks.describeAddon(r -> r.clusterName(cluster).addonName(name)).addon()));
        } catch (ResourceNotFoundException e) {
          // deleted between the list and the read
        }
      }
    } catch (ResourceNotFoundException e) {
      // the cluster went away: no add-ons
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
