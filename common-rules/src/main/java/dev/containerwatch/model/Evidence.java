package dev.containerwatch.model;

import java.util.Arrays;
import java.util.Optional;

/**
 * Named, optional parts of a snapshot next to the primary document: what a rule needs that the
 * resource's own GET does not return. A part that is absent means "not looked up"; rules that need
 * it answer {@code UNKNOWN}, never {@code PASSED}. A part that is present but empty means "looked
 * up, there is none".
 */
public enum Evidence {
  /**
   * ARM {@code Microsoft.Insights/diagnosticSettings} of the resource: the list response ({@code
   * {"value": [...]}}) or a plain array.
   */
  DIAGNOSTIC_SETTINGS("diagnosticSettings"),
  /**
   * ARM {@code privateEndpointConnections} of a registry, when the registry document does not embed
   * them.
   */
  PRIVATE_ENDPOINT_CONNECTIONS("privateEndpointConnections"),
  /** ARM {@code Microsoft.KubernetesConfiguration/extensions} of an Arc connected cluster. */
  EXTENSIONS("extensions"),
  /**
   * For an EKS or GKE cluster: its Azure Arc connection. {@code {"connectedCluster": <ARM GET or
   * null>, "extensions": [...]}}; {@code connectedCluster: null} means "looked up, not connected".
   */
  ARC_CONNECTION("arc"),
  /**
   * For a workload: the ServiceAccount object it runs as, when known. Read only by the automount
   * rule with {@code podSecurityStandards} on.
   */
  SERVICE_ACCOUNT("serviceAccount"),
  /**
   * For a workload: the vulnerability reports ({@code ImageVulnerabilityReport} documents) of the
   * images it runs, for the running-container rules. A list; absent means not looked up.
   */
  IMAGE_REPORTS("imageReports"),
  /**
   * For a workload: the Pods it runs (made by it or by its ReplicaSets and Jobs), whose {@code
   * status.containerStatuses[].imageID} give the digests actually running.
   */
  PODS("pods"),
  /** EKS {@code DescribeNodegroup} → {@code nodegroup} items. */
  NODE_GROUPS("nodegroups"),
  /** EKS {@code DescribeAddon} → {@code addon} items. */
  ADDONS("addons");

  private final String key;

  Evidence(String key) {
    this.key = key;
  }

  /** The name of the part in snapshot files and configuration. */
  public String key() {
    return key;
  }

  public static Optional<Evidence> byKey(String key) {
    return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
  }
}
