package dev.containerwatch.model;

/**
 * The canonical resource types the rules evaluate. Each has one document shape: the one the
 * provider's REST API returns for a GET (see ARCHITECTURE.md).
 */
public enum ResourceType {
  /** ARM {@code Microsoft.ContainerService/managedClusters} GET. */
  AKS_CLUSTER(Cloud.AZURE, "Microsoft.ContainerService/managedClusters"),
  /** ARM {@code Microsoft.ContainerRegistry/registries} GET. */
  ACR_REGISTRY(Cloud.AZURE, "Microsoft.ContainerRegistry/registries"),
  /** ARM {@code Microsoft.Kubernetes/connectedClusters} GET. */
  ARC_CLUSTER(Cloud.AZURE, "Microsoft.Kubernetes/connectedClusters"),
  /** ARM {@code Microsoft.Security/pricings} GET (one Defender plan of a subscription). */
  DEFENDER_PLAN(Cloud.AZURE, "Microsoft.Security/pricings"),
  /** ARM {@code Microsoft.Security/securityConnectors} GET (an AWS or GCP connector). */
  SECURITY_CONNECTOR(Cloud.AZURE, "Microsoft.Security/securityConnectors"),
  /** EKS {@code DescribeCluster} → {@code cluster}. */
  EKS_CLUSTER(Cloud.AWS, "AWS::EKS::Cluster"),
  /** ECR {@code DescribeRepositories} item. */
  ECR_REPOSITORY(Cloud.AWS, "AWS::ECR::Repository"),
  /** container v1 {@code projects.locations.clusters} GET. */
  GKE_CLUSTER(Cloud.GCP, "container.googleapis.com/Cluster"),
  /** A Kubernetes object as the API server returns it. */
  KUBERNETES_OBJECT(Cloud.KUBERNETES, "Kubernetes object"),
  /** One normalised image vulnerability report. */
  IMAGE_SCAN(Cloud.EXTERNAL, "Image vulnerability report");

  private final Cloud cloud;
  private final String nativeName;

  ResourceType(Cloud cloud, String nativeName) {
    this.cloud = cloud;
    this.nativeName = nativeName;
  }

  public Cloud cloud() {
    return cloud;
  }

  /** The provider's own name for the type, for messages and the stores' resource types. */
  public String nativeName() {
    return nativeName;
  }
}
