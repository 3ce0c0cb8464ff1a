package dev.containerwatch.azure.loaders;

/**
 * The ARM API versions the loaders and the sink call, pinned so that a document's shape never
 * changes under the rules. Each is a stable (or, where the service has no stable one, the
 * documented preview) version in the Azure REST API specifications.
 */
public final class ApiVersions {
  private ApiVersions() {}

  /** {@code Microsoft.ContainerService/managedClusters} (stable 2025-05-01). */
  public static final String MANAGED_CLUSTERS = "2025-05-01";

  /**
   * {@code Microsoft.ContainerRegistry/registries} and its {@code privateEndpointConnections}
   * (stable 2023-07-01).
   */
  public static final String REGISTRIES = "2023-07-01";

  /** {@code Microsoft.Kubernetes/connectedClusters} (stable 2024-01-01). */
  public static final String CONNECTED_CLUSTERS = "2024-01-01";

  /** {@code Microsoft.KubernetesConfiguration/extensions} (stable 2023-05-01). */
  public static final String EXTENSIONS = "2023-05-01";

  /**
   * {@code Microsoft.Insights/diagnosticSettings} (2021-05-01-preview: the version that returns
   * {@code categoryGroup}; the service has no later stable one).
   */
  public static final String DIAGNOSTIC_SETTINGS = "2021-05-01-preview";

  /** {@code Microsoft.Security/pricings} (stable 2024-01-01: plan extensions included). */
  public static final String PRICINGS = "2024-01-01";

  /**
   * {@code Microsoft.Security/securityConnectors} (2024-08-01-preview: the version that lists the
   * current Defender for Containers offerings).
   */
  public static final String SECURITY_CONNECTORS = "2024-08-01-preview";

  /** {@code Microsoft.Security/assessments} and {@code assessmentMetadata} (stable 2021-06-01). */
  public static final String ASSESSMENTS = "2021-06-01";

  /** Azure Resource Graph {@code resources} query (stable 2022-10-01). */
  public static final String RESOURCE_GRAPH = "2022-10-01";
}
