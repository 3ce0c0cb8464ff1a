package dev.containerwatch.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.model.Cloud;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes snapshots of Kubernetes objects, whatever brought them (a manifest, {@code kubectl get -o
 * json}, an AdmissionReview, an audit event).
 *
 * <p>An object's id is its cluster's id followed by {@code
 * /k8s/<namespace>/<Kind>[.<group>]/<name>}, e.g. {@code
 * arn:aws:eks:eu-west-1:123456789012:cluster/prod/k8s/shop/Deployment.apps/web}: stable across API
 * versions (an Ingress of {@code extensions} and of {@code networking.k8s.io} is the same object).
 */
public final class KubernetesSnapshots {
  /** Kinds whose objects are created by a controller from a template, and the controllers. */
  private static final Set<String> CONTROLLER_KINDS =
      Set.of(
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "ReplicationController",
          "Job",
          "CronJob");

  private KubernetesSnapshots() {}

  /**
   * The cloud a cluster runs in, by its id: an EKS ARN, an ARM id (AKS, or an Arc-connected cluster
   * managed from Azure), a GKE full resource name. Empty for other ids (a local name).
   */
  public static Optional<Cloud> cloudOf(ResourceRef object) {
    String id = object.id();
    if (id.startsWith("arn:aws")) {
      return Optional.of(Cloud.AWS);
    }
    if (id.regionMatches(true, 0, "/subscriptions/", 0, "/subscriptions/".length())) {
      return Optional.of(Cloud.AZURE);
    }
    if (id.startsWith("//container.googleapis.com/")) {
      return Optional.of(Cloud.GCP);
    }
    return Optional.empty();
  }

  /** The reference of an object in a cluster. */
  public static ResourceRef reference(String clusterId, KubernetesObject o) {
    String group = o.canonicalGroup();
    String id =
        clusterId
            + "/k8s/"
            + o.namespace()
            + "/"
            + o.kind()
            + (group.isEmpty() ? "" : "." + group)
            + "/"
            + o.name();
    return new ResourceRef(ResourceType.KUBERNETES_OBJECT, id, null, null, o.label());
  }

  public static Snapshot of(String clusterId, JsonNode object, Instant observedAt) {
    return Snapshot.of(reference(clusterId, KubernetesObject.of(object)), object, observedAt);
  }

  /**
   * The objects of a document: the object itself, or the items of a {@code List} ({@code kubectl
   * get -o json}), flattened; objects of kinds no rule reads are left out.
   */
  public static List<JsonNode> objects(JsonNode document) {
    List<JsonNode> out = new ArrayList<>();
    collect(document, out);
    return out;
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.path("kind").asText("").endsWith("List") && node.path("items").isArray()) {
      for (JsonNode item : node.get("items")) {
        collect(item, out);
      }
      return;
    }
    if (KubernetesObject.looksLikeObject(node) && KubernetesObject.of(node).isSupported()) {
      out.add(node);
    }
  }

  /**
   * The name of the workload controller that made this object ({@code ReplicaSet web-7d9f}), or
   * null. Such objects are evaluated through their controller's template, which carries the same
   * pod, so that one misconfiguration gives one finding.
   */
  public static String controllerOf(KubernetesObject o) {
    return o.controller()
        .filter(c -> CONTROLLER_KINDS.contains(c.get("kind").text().orElse("")))
        .map(c -> c.get("kind").text().orElse("") + " " + c.get("name").text().orElse(""))
        .orElse(null);
  }
}
