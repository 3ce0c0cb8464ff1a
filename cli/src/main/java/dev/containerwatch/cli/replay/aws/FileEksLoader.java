package dev.containerwatch.cli.replay.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.aws.loaders.EksLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link EksLoader} answering from {@code resources/eks/}: {@code <cluster>.describe-cluster.json}
 * ({@code DescribeCluster}; absent: the cluster does not exist), {@code
 * <cluster>.list-nodegroups.json} with {@code <cluster>.describe-nodegroup.<name>.json}, {@code
 * <cluster>.list-addons.json} with {@code <cluster>.describe-addon.<name>.json}, and {@code
 * list-clusters.json}. The files answer for every account and region.
 */
public final class FileEksLoader implements EksLoader {
  private final LocalFiles files;

  public FileEksLoader(Path dir) {
    this.files = new LocalFiles(dir);
  }

  @Override
  public Optional<JsonNode> cluster(AwsScope scope, String name) {
    return files
        .read(LocalFiles.fileName(name) + ".describe-cluster.json")
        .map(r -> r.path("cluster"))
        .filter(JsonNode::isObject);
  }

  @Override
  public JsonNode nodegroups(AwsScope scope, String cluster) {
    return items(cluster, "list-nodegroups", "nodegroups", "describe-nodegroup", "nodegroup");
  }

  @Override
  public JsonNode addons(AwsScope scope, String cluster) {
    return items(cluster, "list-addons", "addons", "describe-addon", "addon");
  }

  private JsonNode items(
      String cluster, String list, String listField, String describe, String itemField) {
    String base = LocalFiles.fileName(cluster);
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    files
        .read(base + "." + list + ".json")
        .ifPresent(
            names ->
                names
                    .path(listField)
                    .forEach(
                        n ->
                            files
                                .read(base + "." + describe + "." + n.asText() + ".json")
                                .map(r -> r.path(itemField))
                                .filter(JsonNode::isObject)
                                .ifPresent(out::add)));
    return out;
  }

  @Override
  public List<String> clusterNames(AwsScope scope) {
    List<String> names = new ArrayList<>();
    files
        .read("list-clusters.json")
        .ifPresent(r -> r.path("clusters").forEach(n -> names.add(n.asText())));
    return names;
  }
}
