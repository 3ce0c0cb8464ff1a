package dev.containerwatch.azure.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads Azure resources from ARM, each with the evidence its rules need:
 *
 * <table>
 *   <caption>reads per type</caption>
 *   <tr><th>type</th><th>document</th><th>evidence</th></tr>
 *   <tr><td>AKS cluster</td><td>GET managedClusters ({@value ApiVersions#MANAGED_CLUSTERS})</td>
 *       <td>{@code diagnosticSettings}: list {@code {id}/providers/Microsoft.Insights/diagnosticSettings}
 *       ({@value ApiVersions#DIAGNOSTIC_SETTINGS})</td></tr>
 *   <tr><td>ACR registry</td><td>GET registries ({@value ApiVersions#REGISTRIES})</td>
 *       <td>{@code privateEndpointConnections}: list {@code {id}/privateEndpointConnections}</td></tr>
 *   <tr><td>Arc cluster</td><td>GET connectedClusters ({@value ApiVersions#CONNECTED_CLUSTERS})</td>
 *       <td>{@code extensions}: list {@code {id}/providers/Microsoft.KubernetesConfiguration/extensions}
 *       ({@value ApiVersions#EXTENSIONS})</td></tr>
 *   <tr><td>Defender plan</td><td>GET pricings ({@value ApiVersions#PRICINGS})</td><td>none</td></tr>
 *   <tr><td>connector</td><td>GET securityConnectors ({@value ApiVersions#SECURITY_CONNECTORS})</td>
 *       <td>none</td></tr>
 * </table>
 *
 * <p>An evidence list the function may not read (403) or that is gone (404) is left out with a
 * warning: the rules that need it answer UNKNOWN rather than guess. Throttling and server errors
 * are retried by the client; a read that still fails escapes, so the platform retries the event.
 */
public final class ArmResourceLoader implements ResourceLoader {
  private final ArmClient arm;

  public ArmResourceLoader(ArmClient arm) {
    this.arm = arm;
  }

  /** The API version of a type's GET. */
  public static String apiVersion(ResourceType type) {
    switch (type) {
      case AKS_CLUSTER:
        return ApiVersions.MANAGED_CLUSTERS;
      case ACR_REGISTRY:
        return ApiVersions.REGISTRIES;
      case ARC_CLUSTER:
        return ApiVersions.CONNECTED_CLUSTERS;
      case DEFENDER_PLAN:
        return ApiVersions.PRICINGS;
      case SECURITY_CONNECTOR:
        return ApiVersions.SECURITY_CONNECTORS;
      default:
        throw new IllegalArgumentException(type + " is not an ARM resource type");
    }
  }

  @Override
  public Optional<Loaded> load(ResourceRef resource, Instant observedAt) {
    Optional<JsonNode> document = arm.get(resource.id(), apiVersion(resource.type()));
    if (document.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(withEvidence(resource, document.get(), observedAt));
  }

  @Override
  public Loaded withEvidence(ResourceRef resource, JsonNode document, Instant observedAt) {
    ResourceType type = resource.type();
    if (document == null || !document.isObject()) {
      // An empty or non-object answer would otherwise fail deep in normalisation.
      throw new InvalidInputException(
          "ARM: the document of "
              + type.nativeName()
              + " "
              + resource.name()
              + " is not a JSON object");
    }
    JsonNode canonical = ResourceDocuments.normalize(type, document);
    ResourceRef ref;
    try {
      ref = ResourceDocuments.reference(type, canonical);
    } catch (InvalidInputException e) {
      ref = resource;
    }
    Snapshot snapshot = Snapshot.of(ref, canonical, observedAt);
    List<String> warnings = new ArrayList<>();
    switch (type) {
      case AKS_CLUSTER:
        snapshot =
            withList(
                snapshot,
                Evidence.DIAGNOSTIC_SETTINGS,
                ref.id() + "/providers/Microsoft.Insights/diagnosticSettings",
                ApiVersions.DIAGNOSTIC_SETTINGS,
                warnings);
        break;
      case ACR_REGISTRY:
        snapshot =
            withList(
                snapshot,
                Evidence.PRIVATE_ENDPOINT_CONNECTIONS,
                ref.id() + "/privateEndpointConnections",
                ApiVersions.REGISTRIES,
                warnings);
        break;
      case ARC_CLUSTER:
        snapshot =
            withList(
                snapshot,
                Evidence.EXTENSIONS,
                ref.id() + "/providers/Microsoft.KubernetesConfiguration/extensions",
                ApiVersions.EXTENSIONS,
                warnings);
        break;
      default:
        break;
    }
    return new Loaded(snapshot, warnings);
  }

  private Snapshot withList(
      Snapshot snapshot, Evidence part, String path, String apiVersion, List<String> warnings) {
    try {
      ArrayNode items = JsonNodeFactory.instance.arrayNode();
      arm.list(path, apiVersion).forEach(items::add);
      return snapshot.with(part, items);
    } catch (ArmException e) {
      if (e.status() >= 400 && e.status() < 500) {
        warnings.add(
            "evidence '"
                + part.key()
                + "' not read: "
                + e.getMessage()
                + " (rules needing it answer UNKNOWN)");
        return snapshot;
      }
      throw e;
    }
  }
}
