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
    String connectivity = cc.get("properties.connectivityStatus").text().orElse("absent");
    if (connectivity.equalsIgnoreCase("Offline") || connectivity.equalsIgnoreCase("Expired")) {
      return Verdict.failed(
          "Azure Arc connected cluster '" + name + "' has connectivityStatus " + connectivity);
    }
    Verdict v = installed(Optional.ofNullable(arc.get().get("extensions")), extensionType);
    return new Verdict(
        null, v.status(), "Azure Arc connected cluster '" + name + "': " + v.reason());
  }
}
