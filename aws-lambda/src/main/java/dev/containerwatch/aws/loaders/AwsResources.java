package dev.containerwatch.aws.loaders;

import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.vulnerabilities.ImageRef;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The references of the AWS resources the function evaluates, and where each lives: what an EKS
 * cluster, ECR repository, ECR image or Kubernetes object of an EKS cluster is called in finding
 * ids ({@link ResourceRef#canonicalId()}) and in Security Hub ({@link #securityHubId}).
 */
public final class AwsResources {
  private static final Pattern ECR_HOST =
      Pattern.compile(
          "([0-9]{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(?:\\.cn)?");
  private static final Pattern EKS_ARN =
      Pattern.compile("arn:aws[a-z-]*:eks:([a-z0-9-]+):([0-9]{12}):cluster/([^/]+)");
  private static final Pattern ECR_ARN =
      Pattern.compile("arn:aws[a-z-]*:ecr:([a-z0-9-]+):([0-9]{12}):repository/(.+)");

  private AwsResources() {}

  public static ResourceRef eksCluster(AwsScope scope, String name) {
    return new ResourceRef(
        ResourceType.EKS_CLUSTER, scope.eksClusterArn(name), scope.account(), scope.region(), name);
  }

  public static ResourceRef ecrRepository(AwsScope scope, String name) {
    return new ResourceRef(
        ResourceType.ECR_REPOSITORY,
        scope.ecrRepositoryArn(name),
        scope.account(),
        scope.region(),
        name);
  }

  /** An image's reference, as {@code VulnerabilityReport.snapshot} names it, with its scope. */
  public static ResourceRef image(ImageRef image) {
    Optional<AwsScope> scope = ecrScope(image);
    return new ResourceRef(
        ResourceType.IMAGE_SCAN,
        image.canonical(),
        scope.map(AwsScope::account).orElse(null),
        scope.map(AwsScope::region).orElse(null),
        image.repository() + (image.tag() == null ? "" : ":" + image.tag()));
  }

  /** The account and region of an ECR registry host; empty for other registries. */
  public static Optional<AwsScope> ecrScope(ImageRef image) {
    Matcher m = ECR_HOST.matcher(image.registry());
    return m.matches() ? Optional.of(new AwsScope(m.group(1), m.group(2))) : Optional.empty();
  }

  /**
   * The account and region a resource lives in: from its reference, else from its id (an ECR
   * image's registry host, the cluster ARN a Kubernetes object's id starts with).
   */
  public static Optional<AwsScope> scopeOf(ResourceRef ref) {
    if (ref.account() != null && ref.region() != null) {
      return Optional.of(new AwsScope(ref.account(), ref.region()));
    }
    switch (ref.type()) {
      case IMAGE_SCAN:
        try {
          return ecrScope(ImageRef.parse(ref.id()));
        } catch (RuntimeException e) {
          return Optional.empty();
        }
      case KUBERNETES_OBJECT:
      case EKS_CLUSTER:
        {
          Matcher m = EKS_ARN.matcher(clusterIdOf(ref.id()));
          return m.matches() ? Optional.of(new AwsScope(m.group(2), m.group(1))) : Optional.empty();
        }
      case ECR_REPOSITORY:
        {
          Matcher m = ECR_ARN.matcher(ref.id());
          return m.matches() ? Optional.of(new AwsScope(m.group(2), m.group(1))) : Optional.empty();
        }
      default:
        return Optional.empty();
    }
  }

  /** The cluster id a Kubernetes object id starts with (the id itself for anything else). */
  public static String clusterIdOf(String id) {
    int k8s = id.indexOf("/k8s/");
    return k8s < 0 ? id : id.substring(0, k8s);
  }

  /**
   * The id Security Hub knows the resource by ({@code Resources[0].Id}): the ARN of EKS clusters
   * and ECR repositories, the image ARN ({@code arn:aws:ecr:<region>:<account>:repository/<name>
   * /sha256:...}, as Amazon Inspector names images) of ECR images, and the canonical id of anything
   * else (a Kubernetes object: its cluster's ARN followed by {@code /k8s/...}).
   */
  public static String securityHubId(ResourceRef ref) {
    if (ref.type() == ResourceType.IMAGE_SCAN) {
      try {
        ImageRef image = ImageRef.parse(ref.id());
        Optional<AwsScope> scope = ecrScope(image);
        if (scope.isPresent() && image.digest() != null) {
          return scope.get().ecrRepositoryArn(image.repository()) + "/" + image.digest();
        }
      } catch (RuntimeException e) {
        // not an image reference: the canonical id below
      }
    }
    return ref.canonicalId();
  }

  /** The Security Hub id prefix of the images of a repository. */
  public static String imagesOf(AwsScope scope, String repository) {
    return scope.ecrRepositoryArn(repository) + "/";
  }

  /** The id prefix of the Kubernetes objects of a cluster. */
  public static String objectsOf(String clusterArn) {
    return clusterArn + "/k8s/";
  }

  /** The reference of a Kubernetes object from its id (the sweep and deletions know only that). */
  public static ResourceRef kubernetesObject(String id) {
    return new ResourceRef(
        ResourceType.KUBERNETES_OBJECT, id, null, null, id.substring(id.lastIndexOf('/') + 1));
  }

  /** Whether a cluster ARN is an EKS cluster's. */
  public static boolean isEksCluster(String id) {
    return EKS_ARN.matcher(id).matches();
  }
}
