package dev.containerwatch.aws.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.BatchGetRepositoryScanningConfigurationResponse;
import software.amazon.awssdk.services.ecr.model.DescribeImageScanFindingsResponse;
import software.amazon.awssdk.services.ecr.model.ImageIdentifier;
import software.amazon.awssdk.services.ecr.model.ImageNotFoundException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.ecr.model.RepositoryPolicyNotFoundException;
import software.amazon.awssdk.services.ecr.model.ScanNotFoundException;

/**
 * {@link EcrLoader} through the ECR API: {@code DescribeRepositories} + {@code
 * GetRepositoryPolicy}, {@code DescribeImageScanFindings} (every page; basic and enhanced scanning,
 * the latter being Amazon Inspector's findings of the image), {@code
 * BatchGetRepositoryScanningConfiguration} and {@code ListImages}.
 */
public final class SdkEcrLoader implements EcrLoader {
  private final AwsClients clients;

  public SdkEcrLoader(AwsClients clients) {
    this.clients = clients;
  }

  @Override
  public Optional<JsonNode> repository(AwsScope scope, String name) {
    EcrClient ecr = clients.ecr(scope);
    try {
      List<Repository> found =
          ecr.describeRepositories(r -> r.registryId(scope.account()).repositoryNames(name))
              .repositories();
      if (found.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(withPolicy(ecr, scope, found.get(0)));
    } catch (RepositoryNotFoundException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<JsonNode> repositories(AwsScope scope) {
    EcrClient ecr = clients.ecr(scope);
    List<JsonNode> out = new ArrayList<>();
    for (Repository repository :
        ecr.describeRepositoriesPaginator(r -> r.registryId(scope.account()).maxResults(1000))
            .repositories()) {
      out.add(withPolicy(ecr, scope, repository));
    }
    return out;
  }

  private static JsonNode withPolicy(EcrClient ecr, AwsScope scope, Repository repository) {
    ObjectNode doc = (ObjectNode) SdkJson.toJson(repository);
    try {
      doc.put(
          "policyText",
          ecr.getRepositoryPolicy(
                  r -> r.registryId(scope.account()).repositoryName(repository.repositoryName()))
              .policyText());
    } catch (RepositoryPolicyNotFoundException e) {
      doc.putNull("policyText");
    } catch (RepositoryNotFoundException e) {
      doc.putNull("policyText");
    }
    return doc;
  }

  @Override
  public ScanFindings imageScanFindings(AwsScope scope, String repository, String digest) {
    EcrClient ecr = clients.ecr(scope);
    ObjectNode merged = null;
    ArrayNode findings = null;
    ArrayNode enhanced = null;
    try {
      for (DescribeImageScanFindingsResponse page :
          ecr.describeImageScanFindingsPaginator(
              r ->
                  r.registryId(scope.account())
                      .repositoryName(repository)
                      .imageId(ImageIdentifier.builder().imageDigest(digest).build())
                      .maxResults(1000))) {
        ObjectNode json = (ObjectNode) SdkJson.toJson(page);
        json.remove("nextToken");
        ObjectNode pageFindings = (ObjectNode) json.path("imageScanFindings");
        if (merged == null) {
          merged = json;
          if (pageFindings.isObject()) {
            findings = arrayOf(pageFindings, "findings");
            enhanced = arrayOf(pageFindings, "enhancedFindings");
          }
          continue;
        }
        if (pageFindings.isObject()) {
          if (findings != null && pageFindings.path("findings").isArray()) {
            findings.addAll((ArrayNode) pageFindings.get("findings"));
          }
          if (enhanced != null && pageFindings.path("enhancedFindings").isArray()) {
            enhanced.addAll((ArrayNode) pageFindings.get("enhancedFindings"));
          }
        }
      }
    } catch (ScanNotFoundException e) {
      return new ScanFindings(ScanFindings.Result.NO_SCAN, null);
    } catch (ImageNotFoundException | RepositoryNotFoundException e) {
      return new ScanFindings(ScanFindings.Result.IMAGE_NOT_FOUND, null);
    }
    if (merged == null) {
      return new ScanFindings(ScanFindings.Result.NO_SCAN, null);
    }
    return new ScanFindings(ScanFindings.Result.FOUND, merged);
  }

  private static ArrayNode arrayOf(ObjectNode parent, String field) {
    JsonNode node = parent.get(field);
    return node != null && node.isArray() ? (ArrayNode) node : null;
  }

  @Override
  public Optional<JsonNode> scanningConfiguration(AwsScope scope, String repository) {
    BatchGetRepositoryScanningConfigurationResponse response =
        clients
            .ecr(scope)
            .batchGetRepositoryScanningConfiguration(r -> r.repositoryNames(repository));
    if (response.scanningConfigurations().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(SdkJson.toJson(response.scanningConfigurations().get(0)));
  }

  @Override
  public Optional<Set<String>> imageDigests(AwsScope scope, String repository) {
    Set<String> digests = new LinkedHashSet<>();
    try {
      clients
          .ecr(scope)
          .listImagesPaginator(
              r -> r.registryId(scope.account()).repositoryName(repository).maxResults(1000))
          .imageIds()
          .forEach(id -> digests.add(id.imageDigest()));
    } catch (RepositoryNotFoundException e) {
      return Optional.empty();
    }
    return Optional.of(digests);
  }
}
