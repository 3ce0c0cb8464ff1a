package dev.containerwatch.cli.replay.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.aws.loaders.EcrLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link EcrLoader} answering from {@code resources/ecr/} (repository names with {@code /} spelled
 * {@code -}): {@code describe-repositories.all.json} (every repository), {@code
 * describe-repositories.<name>.json} (one, when present), {@code get-repository-policy.<name>.json}
 * (else no policy), {@code scanning-configuration.<name>.json} ({@code
 * BatchGetRepositoryScanningConfiguration}; absent: the repository does not exist), {@code
 * list-images.<name>.json}, and the {@code describe-image-scan-findings.*.json} responses, found by
 * the repository and digest they name (several pages are merged in file-name order; none: the image
 * has no scan).
 */
public final class FileEcrLoader implements EcrLoader {
  private final LocalFiles files;

  public FileEcrLoader(Path dir) {
    this.files = new LocalFiles(dir);
  }

  @Override
  public Optional<JsonNode> repository(AwsScope scope, String name) {
    Optional<JsonNode> one =
        files
            .read("describe-repositories." + LocalFiles.fileName(name) + ".json")
            .map(r -> r.path("repositories").path(0))
            .filter(JsonNode::isObject);
    if (one.isEmpty()) {
      one =
          all().stream()
              .filter(r -> r.path("repositoryName").asText().equals(name))
              .findFirst()
              .map(r -> (JsonNode) r);
    }
    return one.map(this::withPolicy);
  }

  @Override
  public List<JsonNode> repositories(AwsScope scope) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode r : all()) {
      out.add(withPolicy(r));
    }
    return out;
  }

  private List<JsonNode> all() {
    List<JsonNode> out = new ArrayList<>();
    files
        .read("describe-repositories.all.json")
        .ifPresent(r -> r.path("repositories").forEach(out::add));
    return out;
  }

  private JsonNode withPolicy(JsonNode repository) {
    ObjectNode doc = repository.deepCopy();
    String name = doc.path("repositoryName").asText("");
    Optional<String> policy =
        files
            .read("get-repository-policy." + LocalFiles.fileName(name) + ".json")
            .map(r -> r.path("policyText"))
            .filter(JsonNode::isTextual)
            .map(JsonNode::asText);
    if (policy.isPresent()) {
      doc.put("policyText", policy.get());
    } else {
      doc.putNull("policyText");
    }
    return doc;
  }

  @Override
  public ScanFindings imageScanFindings(AwsScope scope, String repository, String digest) {
    ObjectNode merged = null;
    for (JsonNode page : files.readAll("describe-image-scan-findings.")) {
      if (!page.path("repositoryName").asText().equals(repository)
          || !page.path("imageId").path("imageDigest").asText().equals(digest)) {
        continue;
      }
      ObjectNode json = page.deepCopy();
      json.remove("nextToken");
      if (merged == null) {
        merged = json;
        continue;
      }
      for (String field : new String[] {"findings", "enhancedFindings"}) {
        JsonNode more = json.path("imageScanFindings").path(field);
        JsonNode into = merged.path("imageScanFindings").path(field);
        if (more.isArray() && into.isArray()) {
          ((ArrayNode) into).addAll((ArrayNode) more);
        }
      }
    }
    return merged == null
        ? new ScanFindings(ScanFindings.Result.NO_SCAN, null)
        : new ScanFindings(ScanFindings.Result.FOUND, merged);
  }

  @Override
  public Optional<JsonNode> scanningConfiguration(AwsScope scope, String repository) {
    return files
        .read("scanning-configuration." + LocalFiles.fileName(repository) + ".json")
        .map(r -> r.path("scanningConfigurations").path(0))
        .filter(JsonNode::isObject);
  }

  @Override
  public Optional<Set<String>> imageDigests(AwsScope scope, String repository) {
    return files
        .read("list-images." + LocalFiles.fileName(repository) + ".json")
        .map(
            r -> {
              Set<String> digests = new LinkedHashSet<>();
              r.path("imageIds").forEach(id -> digests.add(id.path("imageDigest").asText()));
              return digests;
            });
  }
}
