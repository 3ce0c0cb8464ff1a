package dev.containerwatch.rules.arc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.Lists;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether an Azure Arc-enabled cluster has a cluster extension of a given type, provisioned
 * successfully. Shared by the Arc rules (extensions of a connected cluster) and the EKS and GKE
 * rules (the {@link Evidence#ARC_CONNECTION} of a cluster in another cloud).
 */
public final class ArcExtensions {
  /** The Defender sensor's extension type. */
  public static final String DEFENDER = "microsoft.azuredefender.kubernetes";

  /** The Azure Policy (Gatekeeper) extension type. */
  public static final String AZURE_POLICY = "microsoft.policyinsights";

  private ArcExtensions() {}

  /**
   * The verdict on a list of {@code Microsoft.KubernetesConfiguration/extensions}: PASSED when one
   * has {@code properties.extensionType} (any case) and {@code provisioningState} Succeeded.
   *
   * @param extensions the evidence part; empty means it was not looked up
   */
  public static Verdict installed(Optional<JsonNode> extensions, String extensionType) {
    Optional<List<JsonNode>> list = Lists.of(extensions);
    if (list.isEmpty()) {
      return Verdict.unknown(
          "the cluster's extensions were not provided (evidence '"
              + Evidence.EXTENSIONS.key()
              + "')");
    }
    List<String> states = new ArrayList<>();
    for (JsonNode ext : list.get()) {
      Doc e = Doc.arm(ext);
      String type = e.get("properties.extensionType").text().orElse("");
      if (!type.equalsIgnoreCase(extensionType)) {
        continue;
      }
      String name = e.get("name").text().orElse("(unnamed)");
      String state = e.get("properties.provisioningState").text().orElse("absent");
      if (state.equalsIgnoreCase("Succeeded")) {
        return Verdict.passed(
            "extension '"
                + name
                + "' of type "
                + extensionType
                + " is installed (provisioningState Succeeded)");
      }
      states.add("'" + name + "' has provisioningState " + state);
    }
    if (!states.isEmpty()) {
      return Verdict.failed(
          "extension of type "
              + extensionType
              + " is not provisioned: "
              + String.join(", ", states));
    }
    return Verdict.failed(
        "no extension of type "
            + extensionType
            + " among the cluster's "
            + list.get().size()
            + " extension(s)");
  }

  /**
   * The verdict for an EKS or GKE cluster: connected to Azure Arc (the {@code arc} evidence part's
   * {@code connectedCluster}) and with the extension installed.
   */
  public static Verdict connectedWith(Snapshot snapshot, String extensionType) {
    Optional<JsonNode> arc = snapshot.evidence(Evidence.ARC_CONNECTION);
    if (arc.isEmpty() || !arc.get().isObject() || !arc.get().has("connectedCluster")) {
      return Verdict.unknown(
          "the cluster's Azure Arc connection was not looked up (evidence '"
              + Evidence.ARC_CONNECTION.key()
              + "')");
    }
    JsonNode connected = arc.get().get("connectedCluster");
    if (connected.isNull()) {
      return Verdict.failed("the cluster is not connected to Azure Arc");
    }
    Doc cc = Doc.arm(connected);
    String name = cc.get("name").text().orElse("(unnamed)");
    Optional<String> disconnected = disconnectedStatus(cc);
    if (disconnected.isPresent()) {
      return Verdict.failed(
          "Azure Arc connected cluster '"
              + name
              + "' has connectivityStatus "
              + disconnected.get());
    }
    Verdict v = installed(Optional.ofNullable(arc.get().get("extensions")), extensionType);
    return new Verdict(
        null, v.status(), "Azure Arc connected cluster '" + name + "': " + v.reason());
  }

  /**
   * The verdict for an Azure Arc connected cluster itself (a {@code
   * Microsoft.Kubernetes/connectedClusters} document with its {@link Evidence#EXTENSIONS}): the
   * extension is installed as {@link #installed} says, and the cluster is not disconnected.
   *
   * <p>A cluster whose {@code properties.connectivityStatus} is {@code Offline} or {@code Expired}
   * fails whatever its extension list says: the list is the last state Azure recorded, the Arc
   * agents cannot reconcile (install, repair, upgrade) an extension on a cluster that does not
   * reach Azure, and a Defender sensor or Gatekeeper on such a cluster is not known to be running.
   * The reason names the status and what the extension list says, so that the fix (reconnect the
   * cluster, then check the extension) is clear. This matches {@link #connectedWith}, so a cluster
   * gets the same status whether it is evaluated as an Arc resource or as an EKS or GKE cluster.
   */
  public static Verdict onConnectedCluster(Snapshot snapshot, String extensionType) {
    Verdict extension = installed(snapshot.evidence(Evidence.EXTENSIONS), extensionType);
    Optional<String> disconnected = disconnectedStatus(Doc.arm(snapshot.document()));
    if (disconnected.isEmpty()) {
      return extension;
    }
    return Verdict.failed(
        "properties.connectivityStatus is "
            + disconnected.get()
            + ": the "
            + extensionType
            + " extension cannot be reconciled on a disconnected cluster; its extension list says: "
            + extension.reason());
  }

  /**
   * The connectivity status when it says the cluster is disconnected: {@code Offline} (the agents
   * stopped reporting) or {@code Expired} (offline so long that its identity certificate expired).
   * {@code Connecting} (just onboarded) and an absent status are not treated as disconnected.
   */
  private static Optional<String> disconnectedStatus(Doc connectedCluster) {
    return connectedCluster
        .get("properties.connectivityStatus")
        .text()
        .filter(s -> s.equalsIgnoreCase("Offline") || s.equalsIgnoreCase("Expired"));
  }
}
