package dev.containerwatch.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Snapshot;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Kubernetes object as the API server returns it, with what the data-plane rules need: kind and
 * group, namespace (absent means {@code default}), labels, owners, and the pod it runs.
 *
 * <pre>{@code
 * KubernetesObject o = KubernetesObject.of(json);
 * o.podTemplate().ifPresent(pod -> pod.containers(EnumSet.allOf(ContainerList.class)));
 * }</pre>
 */
public final class KubernetesObject {
  /** The kinds whose pods the workload rules read, and where their pod template is. */
  private static final Map<String, String> POD_TEMPLATE_PATHS =
      Map.of(
          "Pod", "",
          "Deployment", "spec.template",
          "StatefulSet", "spec.template",
          "DaemonSet", "spec.template",
          "ReplicaSet", "spec.template",
          "ReplicationController", "spec.template",
          "Job", "spec.template",
          "CronJob", "spec.jobTemplate.spec.template");

  /** Every kind the data-plane rules read. */
  public static final Set<String> SUPPORTED_KINDS =
      Set.of(
          "Pod",
          "Deployment",
          "StatefulSet",
          "DaemonSet",
          "ReplicaSet",
          "ReplicationController",
          "Job",
          "CronJob",
          "Service",
          "Ingress",
          "ServiceAccount",
          "ConfigMap",
          "Secret");

  private final Doc doc;
  private final String apiVersion;
  private final String kind;
  // Read on first use: every data-plane rule asks for these.
  private Optional<PodTemplate> podTemplate;
  private String namespace;
  private Doc labels;

  private KubernetesObject(JsonNode node) {
    this.doc = Doc.of(node);
    this.apiVersion = doc.get("apiVersion").text().orElse("");
    this.kind = doc.get("kind").text().orElse("");
  }

  public static KubernetesObject of(JsonNode node) {
    return new KubernetesObject(node);
  }

  /** The object of a snapshot, read once however many rules ask. */
  public static KubernetesObject of(Snapshot snapshot) {
    return snapshot.derived("kubernetes.object", s -> new KubernetesObject(s.document()));
  }

  /**
   * True when the node looks like a Kubernetes object: {@code apiVersion}, {@code kind}, metadata.
   */
  public static boolean looksLikeObject(JsonNode node) {
    return node != null
        && node.isObject()
        && node.path("apiVersion").isTextual()
        && node.path("kind").isTextual()
        && node.path("metadata").isObject();
  }

  public Doc doc() {
    return doc;
  }

  public String kind() {
    return kind;
  }

  public String apiVersion() {
    return apiVersion;
  }

  /** The API group ({@code apps}); empty for the core group. */
  public String group() {
    int slash = apiVersion.indexOf('/');
    return slash < 0 ? "" : apiVersion.substring(0, slash);
  }

  /**
   * The group the object's identity uses: Ingresses served by the old {@code extensions} group are
   * the same objects as {@code networking.k8s.io} ones.
   */
  public String canonicalGroup() {
    String g = group();
    return kind.equals("Ingress") && g.equals("extensions") ? "networking.k8s.io" : g;
  }

  public String name() {
    return doc.get("metadata.name").text().orElse("");
  }

  /** The namespace; an object without one lands in {@code default}, as kubectl would put it. */
  public String namespace() {
    String read = namespace;
    if (read == null) {
      read = doc.get("metadata.namespace").text().filter(s -> !s.isEmpty()).orElse("default");
      namespace = read;
    }
    return read;
  }

  public Doc labels() {
    Doc read = labels;
    if (read == null) {
      read = doc.get("metadata.labels");
      labels = read;
    }
    return read;
  }

  public Doc annotations() {
    return doc.get("metadata.annotations");
  }

  /** {@code metadata.ownerReferences}. */
  public List<Doc> owners() {
    return doc.get("metadata.ownerReferences").items();
  }

  /** The owner reference marked {@code controller: true}, if any. */
  public Optional<Doc> controller() {
    return owners().stream().filter(o -> o.get("controller").isTrue()).findFirst();
  }

  public boolean isSupported() {
    return SUPPORTED_KINDS.contains(kind);
  }

  /** True for the kinds that run pods (Pod and the workload controllers). */
  public boolean runsPods() {
    return POD_TEMPLATE_PATHS.containsKey(kind);
  }

  /** The pod this object runs, or empty for kinds that run none. */
  public Optional<PodTemplate> podTemplate() {
    Optional<PodTemplate> read = podTemplate;
    if (read == null) {
      read = readPodTemplate();
      podTemplate = read;
    }
    return read;
  }

  private Optional<PodTemplate> readPodTemplate() {
    String path = POD_TEMPLATE_PATHS.get(kind);
    if (path == null) {
      return Optional.empty();
    }
    if (path.isEmpty()) {
      return Optional.of(new PodTemplate(doc.get("metadata"), doc.get("spec"), "spec"));
    }
    Doc template = doc.get(path);
    return Optional.of(
        new PodTemplate(template.get("metadata"), template.get("spec"), path + ".spec"));
  }

  /** How reasons and tables name it: {@code Deployment shop/web}. */
  public String label() {
    return kind + " " + namespace() + "/" + name();
  }
}
