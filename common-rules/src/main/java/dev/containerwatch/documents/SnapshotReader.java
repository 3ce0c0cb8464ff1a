package dev.containerwatch.documents;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.sources.VulnerabilitySources;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Turns documents read from files into snapshots, for the command line and for tests.
 *
 * <p>A file holds JSON or YAML (several YAML documents allowed). Each document is a resource
 * document (see {@link ResourceDocuments}), a list of them (a JSON array or an ARM list {@code
 * {"value": [...]}}), an ARM child document that is evidence for another resource (diagnostic
 * settings, Arc extensions, private endpoint connections: attached to their parent by ARM id,
 * across files), or a snapshot bundle that names the evidence explicitly:
 *
 * <pre>{@code
 * resource: { ...the primary document... }
 * evidence:
 *   diagnosticSettings: { value: [ ... ] }
 *   arc: { connectedCluster: null }
 * }</pre>
 *
 * <pre>{@code
 * SnapshotReader reader = new SnapshotReader(Instant.now());
 * reader.add("cluster.json", bytes);
 * List<Snapshot> snapshots = reader.snapshots();
 * }</pre>
 */
public final class SnapshotReader {

  /** The largest input {@link #add} reads, in bytes (32 MiB). */
  public static final int MAX_INPUT_BYTES = 32 * 1024 * 1024;

  /** The cluster id Kubernetes objects are read as part of, when the caller names none. */
  public static final String DEFAULT_CLUSTER = "local";

  private final Instant observedAt;
  private final String clusterId;
  private String awsRegion;
  private final List<Pending> primaries = new ArrayList<>();
  private final List<Child> children = new ArrayList<>();
  private final ArrayNode reports = JsonNodeFactory.instance.arrayNode();
  private final Map<String, String> sources = new LinkedHashMap<>();

  private record Pending(
      String source, ResourceRef ref, JsonNode doc, Map<Evidence, JsonNode> parts) {}

  private record Child(String source, Evidence part, String parentId, JsonNode doc) {}

  /**
   * @param observedAt the observation time given to every snapshot read
   */
  public SnapshotReader(Instant observedAt) {
    this(observedAt, DEFAULT_CLUSTER);
  }

  /**
   * @param observedAt the observation time given to every snapshot read
   * @param clusterId the id of the cluster the Kubernetes objects read belong to
   */
  public SnapshotReader(Instant observedAt, String clusterId) {
    this.observedAt = observedAt;
    this.clusterId = clusterId;
  }

  /**
   * The AWS region of ECR scan findings read from now on: {@code DescribeImageScanFindings} does
   * not name it, and the image's registry host needs it.
   */
  public SnapshotReader awsRegion(String region) {
    this.awsRegion = region;
    return this;
  }

  /**
   * Reads one file's content.
   *
   * @throws InvalidInputException naming {@code source} and the problem
   */
  public void add(String source, byte[] content) {
    List<JsonNode> docs = parse(source, content);
    int first = primaries.size();
    int index = 0;
    for (JsonNode doc : docs) {
      index++;
      String where = docs.size() > 1 ? source + " (document " + index + ")" : source;
      addDocument(where, doc);
    }
    for (Pending p : primaries.subList(first, primaries.size())) {
      sources.put(p.ref().id().toLowerCase(Locale.ROOT), source);
    }
  }

  /**
   * The {@code source} given to {@link #add} with the input a resource's primary document was read
   * from (the last one, when several inputs hold the same resource, as in {@link #snapshots}):
   * where a finding points to (the command line's SARIF output).
   */
  public Optional<String> sourceOf(ResourceRef resource) {
    return Optional.ofNullable(sources.get(resource.id().toLowerCase(Locale.ROOT)));
  }

  /**
   * Parses JSON or (multi-document) YAML into trees; shared with the other readers.
   *
   * <p>Limits: an input is at most {@value #MAX_INPUT_BYTES} bytes (32 MiB) of UTF-8, and nests at
   * most 1000 levels deep (Jackson's {@code StreamReadConstraints} default, for JSON and YAML
   * alike). Beyond them it is refused with an {@link InvalidInputException}, as is any input that
   * is not UTF-8.
   */
  public static List<JsonNode> parse(String source, byte[] content) {
    if (content.length > MAX_INPUT_BYTES) {
      throw new InvalidInputException(
          source
              + ": too large ("
              + content.length
              + " bytes; the limit is 32 MiB: split the input, e.g. one kubectl get per namespace)");
    }
    String text = InputText.decode(source, content).stripLeading();
    List<JsonNode> out = new ArrayList<>();
    try {
      if (text.startsWith("{") || text.startsWith("[")) {
        out.add(Json.read(text));
      } else {
        out.addAll(Yaml.readAll(text));
      }
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(source + ": not valid JSON or YAML: " + InputText.problem(e));
    } catch (IOException | RuntimeException e) {
      throw new InvalidInputException(source + ": not valid JSON or YAML: " + e.getMessage());
    }
    if (out.isEmpty() || (out.size() == 1 && out.get(0).isMissingNode())) {
      throw new InvalidInputException(source + ": empty document");
    }
    return out;
  }

  private void addDocument(String where, JsonNode doc) {
    addDocument(where, doc, false);
  }

  /**
   * @param inList whether the document came inside a list: a list may hold resources no rule reads
   *     (an {@code az resource list}, a {@code kubectl get all}), which are skipped, while a lone
   *     document of such a type is an error the user should hear of
   */
  private void addDocument(String where, JsonNode doc, boolean inList) {
    if (doc.isArray()) {
      for (JsonNode item : doc) {
        addDocument(where, item, true);
      }
      return;
    }
    if (!doc.isObject()) {
      throw new InvalidInputException(
          where
              + ": expected a JSON object or list, got "
              + doc.getNodeType().name().toLowerCase(Locale.ROOT));
    }
    if (addReports(where, doc)) {
      return;
    }
    if (isKubernetesList(doc)) {
      for (JsonNode object : KubernetesSnapshots.objects(doc)) {
        addKubernetes(where, object, new EnumMap<>(Evidence.class));
      }
      return;
    }
    if (KubernetesObject.looksLikeObject(doc)) {
      KubernetesObject o = KubernetesObject.of(doc);
      if (o.isSupported()) {
        addKubernetes(where, doc, new EnumMap<>(Evidence.class));
      } else if (!inList) {
        throw new InvalidInputException(
            where
                + ": Kubernetes kind "
                + InvalidInputException.excerpt(o.kind())
                + " is not evaluated (evaluated kinds: "
                + String.join(", ", new TreeSet<>(KubernetesObject.SUPPORTED_KINDS))
                + ")");
      }
      return;
    }
    if (isArmList(doc)) {
      for (JsonNode item : doc.get("value")) {
        addDocument(where, item, true);
      }
      return;
    }
    if (isBundle(doc)) {
      addBundle(where, doc);
      return;
    }
    Optional<Evidence> childPart = ResourceDocuments.detectChild(doc);
    if (childPart.isPresent()) {
      String parent =
          ResourceDocuments.parentId(doc)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          where
                              + ": "
                              + childPart.get().key()
                              + " document has no parent in its 'id'"));
      children.add(new Child(where, childPart.get(), parent, doc));
      return;
    }
    Optional<ResourceType> type = ResourceDocuments.detect(doc);
    if (type.isPresent()) {
      addPrimary(where, type.get(), doc, new EnumMap<>(Evidence.class));
      return;
    }
    String armType = doc.path("type").asText("");
    if (!armType.isEmpty() && doc.path("id").asText("").startsWith("/subscriptions/")) {
      if (!inList) {
        throw new InvalidInputException(
            where + ": ARM type " + InvalidInputException.excerpt(armType) + " is not evaluated");
      }
      return;
    }
    throw new InvalidInputException(
        where
            + ": not a recognised resource document (expected ARM GET JSON, aws eks"
            + " describe-cluster or gcloud container clusters describe output, a Kubernetes"
            + " object, or a snapshot bundle)");
  }

  private void addPrimary(
      String where, ResourceType type, JsonNode doc, Map<Evidence, JsonNode> parts) {
    JsonNode canonical = ResourceDocuments.normalize(type, doc);
    ResourceRef ref;
    try {
      ref = ResourceDocuments.reference(type, canonical);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where + ": " + e.getMessage());
    }
    primaries.add(new Pending(where, ref, canonical, parts));
  }

  private static String key(KubernetesObject o) {
    return o.namespace() + "/" + o.kind() + "/" + o.name();
  }

  /** The top controller among the inputs that made this object (the object itself when none). */
  private static String rootOf(KubernetesObject o, Map<String, JsonNode> objects) {
    KubernetesObject current = o;
    // Owner chains are short (Pod, ReplicaSet, Deployment); the bound guards against cycles.
    for (int depth = 0; depth < 8; depth++) {
      String controller = KubernetesSnapshots.controllerOf(current);
      JsonNode owner =
          controller == null
              ? null
              : objects.get(current.namespace() + "/" + controller.replace(' ', '/'));
      if (owner == null) {
        break;
      }
      current = KubernetesObject.of(owner);
    }
    return key(current);
  }

  /** Reads a scanner's output (any known format); false when the document is none. */
  private boolean addReports(String where, JsonNode doc) {
    Optional<List<VulnerabilityReport>> read;
    try {
      read = VulnerabilitySources.read(doc, awsRegion);
    } catch (InvalidInputException e) {
      throw new InvalidInputException(where + ": " + e.getMessage());
    }
    if (read.isEmpty()) {
      return false;
    }
    for (VulnerabilityReport report : read.get()) {
      Snapshot s = report.snapshot(observedAt);
      primaries.add(new Pending(where, s.resource(), s.document(), new EnumMap<>(Evidence.class)));
      reports.add(s.document());
    }
    return true;
  }

  private static boolean isKubernetesList(JsonNode doc) {
    return doc.path("kind").asText("").endsWith("List") && doc.path("items").isArray();
  }

  private void addKubernetes(String where, JsonNode object, Map<Evidence, JsonNode> parts) {
    KubernetesObject o = KubernetesObject.of(object);
    if (o.name().isEmpty()) {
      throw new InvalidInputException(where + ": " + o.kind() + " has no metadata.name");
    }
    primaries.add(new Pending(where, KubernetesSnapshots.reference(clusterId, o), object, parts));
  }

  private static boolean isArmList(JsonNode doc) {
    JsonNode value = doc.get("value");
    if (value == null || !value.isArray()) {
      return false;
    }
    Iterator<String> names = doc.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!n.equals("value") && !n.equals("nextLink")) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBundle(JsonNode doc) {
    if (!doc.path("resource").isObject()) {
      return false;
    }
    Iterator<String> names = doc.fieldNames();
    while (names.hasNext()) {
      String n = names.next();
      if (!n.equals("resource") && !n.equals("evidence")) {
        return false;
      }
    }
    return true;
  }

  private void addBundle(String where, JsonNode bundle) {
    JsonNode resource = bundle.get("resource");
    if (addReports(where, resource)) {
      return;
    }
    boolean kubernetes =
        KubernetesObject.looksLikeObject(resource) && KubernetesObject.of(resource).isSupported();
    ResourceType type =
        kubernetes
            ? ResourceType.KUBERNETES_OBJECT
            : ResourceDocuments.detect(resource)
                .orElseThrow(
                    () ->
                        new InvalidInputException(
                            where + ": bundle 'resource' is not a recognised resource document"));
    Map<Evidence, JsonNode> parts = new EnumMap<>(Evidence.class);
    JsonNode evidence = bundle.path("evidence");
    if (!evidence.isMissingNode() && !evidence.isNull()) {
      if (!evidence.isObject()) {
        throw new InvalidInputException(where + ": bundle 'evidence' must be a mapping of parts");
      }
      for (Map.Entry<String, JsonNode> part : evidence.properties()) {
        Evidence e =
            Evidence.byKey(part.getKey())
                .orElseThrow(
                    () ->
                        new InvalidInputException(
                            where
                                + ": unknown evidence part '"
                                + InvalidInputException.excerpt(part.getKey())
                                + "' (known: "
                                + knownParts()
                                + ")"));
        parts.put(e, part.getValue());
      }
    }
    if (kubernetes) {
      addKubernetes(where, resource, parts);
    } else {
      addPrimary(where, type, resource, parts);
    }
  }

  private static String knownParts() {
    List<String> keys = new ArrayList<>();
    for (Evidence e : Evidence.values()) {
      keys.add(e.key());
    }
    return String.join(", ", keys);
  }

  /**
   * The snapshots of everything added, with child documents attached to their parents.
   *
   * @throws InvalidInputException when a child document's parent is not among the inputs
   */
  public List<Snapshot> snapshots() {
    Map<String, Pending> byId = new LinkedHashMap<>();
    for (Pending p : primaries) {
      byId.put(p.ref().id().toLowerCase(Locale.ROOT), p);
    }
    Map<String, Map<Evidence, ArrayNode>> attached = new LinkedHashMap<>();
    for (Child c : children) {
      if (!byId.containsKey(c.parentId())) {
        throw new InvalidInputException(
            c.source()
                + ": "
                + c.part().key()
                + " document belongs to "
                + InvalidInputException.excerpt(c.parentId())
                + ", which is not among the inputs");
      }
      attached
          .computeIfAbsent(c.parentId(), k -> new EnumMap<>(Evidence.class))
          .computeIfAbsent(c.part(), k -> JsonNodeFactory.instance.arrayNode())
          .add(c.doc());
    }
    Map<String, JsonNode> kubernetes = new LinkedHashMap<>();
    for (Pending p : primaries) {
      if (p.ref().type() == ResourceType.KUBERNETES_OBJECT) {
        KubernetesObject o = KubernetesObject.of(p.doc());
        kubernetes.put(key(o), p.doc());
      }
    }
    // Objects a controller among the inputs made are evaluated through their root controller; its
    // Pods go along as evidence (their statuses say which image digests run).
    Map<String, ArrayNode> podsByRoot = new LinkedHashMap<>();
    for (JsonNode doc : kubernetes.values()) {
      KubernetesObject o = KubernetesObject.of(doc);
      String root = rootOf(o, kubernetes);
      if (!root.equals(key(o)) && o.kind().equals("Pod")) {
        podsByRoot.computeIfAbsent(root, k -> JsonNodeFactory.instance.arrayNode()).add(doc);
      }
    }
    List<Snapshot> out = new ArrayList<>();
    for (Map.Entry<String, Pending> e : byId.entrySet()) {
      Pending p = e.getValue();
      Map<Evidence, JsonNode> parts = new EnumMap<>(Evidence.class);
      parts.putAll(attached.getOrDefault(e.getKey(), Map.of()));
      if (p.ref().type() == ResourceType.KUBERNETES_OBJECT) {
        KubernetesObject o = KubernetesObject.of(p.doc());
        if (!rootOf(o, kubernetes).equals(key(o))) {
          continue; // evaluated through its controller, which is among the inputs
        }
        o.podTemplate()
            .map(pod -> pod.spec().get("serviceAccountName").text().orElse("default"))
            .map(sa -> kubernetes.get(o.namespace() + "/ServiceAccount/" + sa))
            .ifPresent(sa -> parts.put(Evidence.SERVICE_ACCOUNT, sa));
        if (podsByRoot.containsKey(key(o))) {
          parts.put(Evidence.PODS, podsByRoot.get(key(o)));
        }
        if (o.runsPods() && !reports.isEmpty()) {
          parts.put(Evidence.IMAGE_REPORTS, reports);
        }
      }
      parts.putAll(p.parts());
      out.add(new Snapshot(p.ref(), p.doc(), parts, observedAt));
    }
    return out;
  }
}
