package dev.containerwatch.aws.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads ECR repositories in the canonical shape ({@code DescribeRepositories} item, with the
 * repository policy as {@code policyText}) and what the image rules need: an image's scan findings
 * and whether its repository scans images at all.
 */
public interface EcrLoader {

  /** The repository, or empty when it does not exist. */
  Optional<JsonNode> repository(AwsScope scope, String name);

  /** Every repository of the account's registry in the region. */
  List<JsonNode> repositories(AwsScope scope);

  /**
   * The image's {@code DescribeImageScanFindings} response with every page's findings merged into
   * one (no {@code nextToken}).
   */
  ScanFindings imageScanFindings(AwsScope scope, String repository, String digest);

  /**
   * The repository's effective scanning configuration ({@code
   * BatchGetRepositoryScanningConfiguration} → {@code scanningConfigurations[0]}: {@code
   * scanOnPush}, {@code scanFrequency}); empty when the repository does not exist.
   */
  Optional<JsonNode> scanningConfiguration(AwsScope scope, String repository);

  /** The digests of the repository's images; empty when the repository does not exist. */
  Optional<Set<String>> imageDigests(AwsScope scope, String repository);

  /** What {@link #imageScanFindings} found. */
  record ScanFindings(Result result, JsonNode response) {
    public enum Result {
      /** {@code response} is the merged response. */
      FOUND,
      /** The image has no scan (yet): {@code ScanNotFoundException}. */
      NO_SCAN,
      /** The image or its repository does not exist (any more). */
      IMAGE_NOT_FOUND
    }
  }
}
