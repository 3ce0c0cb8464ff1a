package dev.containerwatch.gcp.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.kubernetes.audit.AuditEvents;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.Change;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GKE audit log entries routed to Pub/Sub by a log sink: a {@code LogEntry} whose {@code
 * protoPayload} is an {@code AuditLog}.
 *
 * <h2>Cluster administration ({@code serviceName: container.googleapis.com})</h2>
 *
 * Methods {@code google.container.v1.ClusterManager.*} (and {@code v1beta1}) that change a cluster
 * or a node pool. The entry carries the request, not the resulting cluster, so the cluster is read
 * again from the API. Long-running operations write a first and a last entry: only the last one (or
 * an entry without {@code operation}) counts. {@code DeleteCluster} resolves the cluster's
 * findings. Reads ({@code Get*}, {@code List*}) and failed calls ({@code status.code} set) are
 * ignored.
 *
 * <h2>Kubernetes objects ({@code serviceName: k8s.io})</h2>
 *
 * Methods {@code io.k8s.<group>.<version>.<resource>.<verb>}. Each entry is unwrapped into the
 * {@code audit.k8s.io/v1} Event it was made from, then read by {@link AuditEvents}, the extraction
 * every cloud shares (same verbs, stage, subresource and controller rules):
 *
 * <ul>
 *   <li>{@code verb}: the method's last segment; {@code objectRef}: from {@code
 *       protoPayload.resourceName} ({@code apps/v1/namespaces/shop/deployments/web[/status]},
 *       {@code core/v1/...} for the core group);
 *   <li>{@code responseStatus.code}: 200 when {@code protoPayload.status.code} is absent or 0, else
 *       the HTTP status of that gRPC code;
 *   <li>{@code responseObject} / {@code requestObject}: {@code protoPayload.response} / {@code
 *       request} without their {@code @type}; when the object lacks {@code apiVersion} or {@code
 *       kind}, they are taken from {@code @type} ({@code apps.k8s.io/v1.Deployment});
 *   <li>{@code stage}: {@code ResponseComplete} (GKE logs completed requests), {@code
 *       stageTimestamp}: the entry's {@code timestamp}; {@code auditID}: its {@code insertId}.
 * </ul>
 *
 * The cluster is the entry's {@code resource.labels} ({@code project_id}, {@code location}, {@code
 * cluster_name}) of resource type {@code k8s_cluster} or {@code gke_cluster}.
 *
 * <p>A successful {@code delete} of an object of a kind the rules read resolves its findings (see
 * {@link #deletion}); {@code AuditEvents} itself reads only creations and updates.
 */
public final class AuditLogEntries {
  public static final String FAMILY = "audit-log";
  private static final String CONTAINER = "container.googleapis.com";
  private static final String KUBERNETES = "k8s.io";
  private static final Set<String> CLUSTER_MANAGER =
      Set.of(
          "google.container.v1.ClusterManager.",
          "google.container.v1beta1.ClusterManager.",
          "google.container.v1alpha1.ClusterManager.");

  /** HTTP statuses of the gRPC codes (google.rpc.Code), as the API server would have answered. */
  private static final Map<Integer, Integer> HTTP_OF_GRPC =
      Map.ofEntries(
          Map.entry(1, 499),
          Map.entry(2, 500),
          Map.entry(3, 400),
          Map.entry(4, 504),
          Map.entry(5, 404),
          Map.entry(6, 409),
          Map.entry(7, 403),
          Map.entry(8, 429),
          Map.entry(9, 400),
          Map.entry(10, 409),
          Map.entry(11, 400),
          Map.entry(12, 501),
          Map.entry(13, 500),
          Map.entry(14, 503),
          Map.entry(15, 500),
          Map.entry(16, 401));

  /** Groups whose names have no domain, which GKE's {@code @type} suffixes with {@code .k8s.io}. */
  private static final Set<String> LEGACY_GROUPS =
      Set.of("core", "apps", "batch", "autoscaling", "policy", "extensions");

  private AuditLogEntries() {}

  /** True for a LogEntry with a {@code protoPayload}. */
  public static boolean accepts(JsonNode message) {
    return message.path("protoPayload").isObject()
        && (message.has("logName") || message.has("insertId"));
  }

  public static EventChanges parse(JsonNode entry, String eventId, Instant fallbackTime) {
    JsonNode payload = entry.get("protoPayload");
    String type = payload.path("@type").asText("");
    if (!type.isEmpty() && !type.equals("type.googleapis.com/google.cloud.audit.AuditLog")) {
      return EventChanges.ignored(FAMILY, "protoPayload " + type + " is not an AuditLog");
    }
    String service = payload.path("serviceName").asText("");
    String method = payload.path("methodName").asText("");
    Instant time = time(entry, fallbackTime);
    switch (service) {
      case CONTAINER:
        return clusterActivity(entry, payload, method, time, eventId);
      case KUBERNETES:
        return kubernetesActivity(entry, payload, method, time, eventId);
      default:
        return EventChanges.ignored(
            FAMILY, "audit log of service '" + service + "' is not evaluated");
    }
  }

  private static EventChanges clusterActivity(
      JsonNode entry, JsonNode payload, String method, Instant time, String eventId) {
    String prefix = CLUSTER_MANAGER.stream().filter(method::startsWith).findFirst().orElse(null);
    if (prefix == null) {
      return EventChanges.ignored(FAMILY, "method " + method + " is not a ClusterManager method");
    }
    String operation = method.substring(prefix.length());
    if (operation.startsWith("Get") || operation.startsWith("List")) {
      return EventChanges.ignored(FAMILY, method + " reads, it changes nothing");
    }
    int code = payload.path("status").path("code").asInt(0);
    if (code != 0) {
      return EventChanges.ignored(
          FAMILY, method + " failed (status.code " + code + "); nothing changed");
    }
    JsonNode op = entry.path("operation");
    if (op.isObject() && op.path("first").asBoolean(false) && !op.path("last").asBoolean(false)) {
      return EventChanges.ignored(
          FAMILY, method + " started; the operation's last entry re-reads the cluster");
    }
    ResourceRef cluster = clusterOf(entry, payload);
    Change.Kind kind = operation.equals("DeleteCluster") ? Change.Kind.DELETE : Change.Kind.UPSERT;
    return EventChanges.of(FAMILY, EventChange.of(new Change(kind, cluster, time, eventId)));
  }

  private static ResourceRef clusterOf(JsonNode entry, JsonNode payload) {
    String resourceName = payload.path("resourceName").asText("");
    return GkeNames.cluster(resourceName)
        .or(() -> fromLabels(entry))
        .orElseThrow(
            () ->
                new InvalidInputException(
                    "audit log: neither protoPayload.resourceName '"
                        + resourceName
                        + "' nor resource.labels name a GKE cluster"));
  }

  private static java.util.Optional<ResourceRef> fromLabels(JsonNode entry) {
    JsonNode labels = entry.path("resource").path("labels");
    String project = labels.path("project_id").asText("");
    String location = labels.path("location").asText("");
    String cluster = labels.path("cluster_name").asText("");
    if (project.isEmpty() || location.isEmpty() || cluster.isEmpty()) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(ResourceDocuments.gkeCluster(project, location, cluster));
  }

  private static EventChanges kubernetesActivity(
      JsonNode entry, JsonNode payload, String method, Instant time, String eventId) {
    if (!method.startsWith("io.k8s.")) {
      return EventChanges.ignored(FAMILY, "method " + method + " is not a Kubernetes API call");
    }
    ResourceRef cluster =
        fromLabels(entry)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "audit log: resource.labels of a k8s.io entry name no cluster"
                            + " (project_id, location, cluster_name)"));
    if (method.endsWith(".delete")) {
      return deletion(payload, method, cluster, time, eventId);
    }
    ObjectNode event = auditEvent(entry, payload, method, time);
    AuditEvents.Extraction x = AuditEvents.extract(List.of(event));
    List<EventChange> changes = new ArrayList<>();
    for (AuditEvents.ChangedObject o : x.objects()) {
      ResourceRef ref =
          KubernetesSnapshots.reference(cluster.id(), KubernetesObject.of(o.object()));
      Instant at = o.time() == null ? time : o.time();
      changes.add(
          new EventChange(new Change(Change.Kind.KUBERNETES_OBJECT, ref, at, eventId), o.object()));
    }
    return new EventChanges(FAMILY, changes, x.skipped());
  }

  /**
   * A deleted object: its findings are resolved. Not for objects a controller made (a Pod of a
   * ReplicaSet: its findings are its controller's), as the deleted object in the response shows;
   * when the log holds no object, Pods, ReplicaSets and Jobs are taken for controller-made, the
   * usual case (a bare one's findings then stay until the object is seen again).
   */
  private static EventChanges deletion(
      JsonNode payload, String method, ResourceRef cluster, Instant time, String eventId) {
    ObjectNode ref = objectRef(payload.path("resourceName").asText(""));
    int code = payload.path("status").path("code").asInt(0);
    if (code != 0) {
      return EventChanges.ignored(FAMILY, method + " failed (status.code " + code + ")");
    }
    if (ref.has("subresource") || !ref.has("name")) {
      return EventChanges.ignored(
          FAMILY, method + " on " + payload.path("resourceName").asText("") + " deletes no object");
    }
    String kind = AuditEvents.kindOf(ref.path("resource").asText(""));
    if (kind == null) {
      return EventChanges.ignored(
          FAMILY, "kind of '" + ref.path("resource").asText("") + "' is not evaluated");
    }
    JsonNode deleted = object(payload.path("response"));
    if (deleted != null && KubernetesObject.looksLikeObject(deleted)) {
      String controller = KubernetesSnapshots.controllerOf(KubernetesObject.of(deleted));
      if (controller != null) {
        return EventChanges.ignored(
            FAMILY, kind + " " + ref.path("name").asText() + " was made by " + controller);
      }
    } else if (kind.equals("Pod") || kind.equals("ReplicaSet") || kind.equals("Job")) {
      return EventChanges.ignored(
          FAMILY,
          kind
              + " "
              + ref.path("name").asText()
              + " deleted; without the object in the log it is taken for a controller's");
    }
    ResourceRef object = AuditEvents.reference(cluster.id(), ref);
    return EventChanges.of(
        FAMILY, EventChange.of(new Change(Change.Kind.DELETE, object, time, eventId)));
  }

  /** The audit.k8s.io/v1 Event a GKE k8s.io audit log entry was written from. */
  static ObjectNode auditEvent(JsonNode entry, JsonNode payload, String method, Instant time) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode e = f.objectNode();
    e.put("kind", "Event");
    e.put("apiVersion", "audit.k8s.io/v1");
    e.put("level", "RequestResponse");
    e.put("auditID", entry.path("insertId").asText("(no insertId)"));
    e.put("stage", "ResponseComplete");
    e.put("verb", method.substring(method.lastIndexOf('.') + 1));
    e.put("requestURI", payload.path("resourceName").asText(""));
    e.set("objectRef", objectRef(payload.path("resourceName").asText("")));
    int code = payload.path("status").path("code").asInt(0);
    ObjectNode status = e.putObject("responseStatus");
    status.put("code", code == 0 ? 200 : HTTP_OF_GRPC.getOrDefault(code, 500));
    JsonNode request = object(payload.path("request"));
    if (request != null) {
      e.set("requestObject", request);
    }
    JsonNode response = object(payload.path("response"));
    if (response != null) {
      e.set("responseObject", response);
    }
    if (time != null) {
      e.put("stageTimestamp", time.toString());
    }
    return e;
  }

  /** {@code group/version/namespaces/ns/resource/name/subresource}, as GKE writes resourceName. */
  private static ObjectNode objectRef(String resourceName) {
    ObjectNode ref = JsonNodeFactory.instance.objectNode();
    String[] s = resourceName.split("/");
    if (s.length < 3) {
      return ref;
    }
    String group = s[0].equals("core") ? "" : s[0];
    ref.put("apiGroup", group);
    ref.put("apiVersion", s[1]);
    int i = 2;
    if (s[i].equals("namespaces") && s.length > 4) {
      ref.put("namespace", s[i + 1]);
      i += 2;
    }
    ref.put("resource", s[i]);
    if (s.length > i + 1) {
      ref.put("name", s[i + 1]);
    }
    if (s.length > i + 2) {
      ref.put("subresource", s[i + 2]);
    }
    return ref;
  }

  /** A request or response body as a Kubernetes object, or null when it is none. */
  private static JsonNode object(JsonNode body) {
    if (!body.isObject() || !body.path("metadata").isObject()) {
      return null;
    }
    ObjectNode o = ((ObjectNode) body).deepCopy();
    String type = o.path("@type").asText("");
    o.remove("@type");
    int slash = type.indexOf('/');
    int dot = type.lastIndexOf('.');
    if (slash > 0 && dot > slash) {
      String group = type.substring(0, slash);
      String version = type.substring(slash + 1, dot);
      String kind = type.substring(dot + 1);
      if (group.endsWith(".k8s.io")
          && LEGACY_GROUPS.contains(group.substring(0, group.length() - ".k8s.io".length()))) {
        // GKE spells the groups without a domain with one: apps.k8s.io is the group apps.
        group = group.substring(0, group.length() - ".k8s.io".length());
      }
      if (group.equals("core")) {
        group = "";
      }
      if (!o.path("apiVersion").isTextual()) {
        o.put("apiVersion", group.isEmpty() ? version : group + "/" + version);
      }
      if (!o.path("kind").isTextual()) {
        o.put("kind", kind);
      }
    }
    if (o.path("kind").asText("").equals("Status")) {
      return null;
    }
    return o;
  }

  private static Instant time(JsonNode entry, Instant fallback) {
    for (String field : new String[] {"timestamp", "receiveTimestamp"}) {
      String t = entry.path(field).asText("");
      if (!t.isEmpty()) {
        try {
          return Instant.parse(t);
        } catch (DateTimeParseException e) {
          throw new InvalidInputException(
              "audit log: " + field + " '" + t + "' is not an RFC 3339 time");
        }
      }
    }
    return fallback;
  }
}
