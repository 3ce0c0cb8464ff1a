package dev.containerwatch.kubernetes.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.model.ResourceRef;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Takes the changed Kubernetes objects out of {@code audit.k8s.io/v1} audit events.
 *
 * <p>An event counts when it is the {@code ResponseComplete} stage of a {@code create}, {@code
 * update} or {@code patch} of a whole object (no subresource) that succeeded (2xx). The object is
 * the {@code responseObject} (the stored result), else the {@code requestObject}, except for a
 * patch, whose request is only the patch. Everything else is skipped with the reason: reads,
 * deletes, other stages, failures, subresources ({@code status}, {@code scale}), events logged
 * below the {@code RequestResponse} level (no object), kinds no rule reads, and objects a workload
 * controller made (evaluated through the controller's own event).
 *
 * <p>Each cloud's log stream wraps these events differently (CloudWatch Logs, Event Hub, Cloud
 * Logging); the cloud modules unwrap them and hand the events here. Deletions are the cloud
 * modules' to read (what a log without the deleted object means differs); they name the deleted
 * object with {@link #kindOf} and {@link #reference}.
 *
 * <pre>{@code
 * AuditEvents.Extraction x = AuditEvents.extract(AuditEvents.parse(text));
 * x.objects().forEach(o -> evaluate(o.object(), o.time()));
 * }</pre>
 */
public final class AuditEvents {
  private static final Set<String> CHANGES = Set.of("create", "update", "patch");

  /** The kinds the rules read, by their API resource names. */
  private static final Map<String, String> KINDS =
      Map.ofEntries(
          Map.entry("pods", "Pod"),
          Map.entry("deployments", "Deployment"),
          Map.entry("statefulsets", "StatefulSet"),
          Map.entry("daemonsets", "DaemonSet"),
          Map.entry("replicasets", "ReplicaSet"),
          Map.entry("replicationcontrollers", "ReplicationController"),
          Map.entry("jobs", "Job"),
          Map.entry("cronjobs", "CronJob"),
          Map.entry("services", "Service"),
          Map.entry("ingresses", "Ingress"),
          Map.entry("serviceaccounts", "ServiceAccount"),
          Map.entry("configmaps", "ConfigMap"),
          Map.entry("secrets", "Secret"));

  private AuditEvents() {}

  /** A changed object, with when the change completed and which event told it. */
  public record ChangedObject(JsonNode object, Instant time, String auditId, String verb) {}

  /** What a batch of events gave: the objects, and a reason for each event skipped. */
  public record Extraction(List<ChangedObject> objects, List<String> skipped) {}

  /**
   * Parses events given one JSON object per line (as log streams carry them), as a JSON array, or
   * as an {@code EventList}.
   *
   * @throws InvalidInputException naming the line that is not JSON
   */
  public static List<JsonNode> parse(String text) {
    List<JsonNode> out = new ArrayList<>();
    // A sequence of root-level values: one per line, or one pretty-printed value.
    try {
      for (JsonNode value : Json.readAll(text)) {
        if (value.isArray()) {
          value.forEach(out::add);
        } else if (value.path("kind").asText().equals("EventList")) {
          if (!value.path("items").isArray()) {
            throw new InvalidInputException("audit events: an EventList's 'items' is not a list");
          }
          value.path("items").forEach(out::add);
        } else {
          out.add(value);
        }
      }
    } catch (InvalidInputException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      Throwable cause = e instanceof RuntimeException && e.getCause() != null ? e.getCause() : e;
      String line =
          cause instanceof JsonProcessingException
                  && ((JsonProcessingException) cause).getLocation() != null
              ? "line "
                  + ((JsonProcessingException) cause).getLocation().getLineNr()
                  + " is not valid JSON"
              : "not valid JSON";
      String message =
          cause instanceof JsonProcessingException
              ? ((JsonProcessingException) cause).getOriginalMessage()
              : String.valueOf(cause.getMessage());
      throw new InvalidInputException(
          "audit events: " + line + ": " + InvalidInputException.firstLine(message));
    }
    return out;
  }

  /**
   * The kind of an API resource's objects ({@code deployments}: {@code Deployment}) when the rules
   * read that kind, else null.
   */
  public static String kindOf(String resource) {
    return KINDS.get(resource);
  }

  /**
   * The reference of the object an audit event's {@code objectRef} names in a cluster (what a
   * {@code delete} removed): the identity {@link KubernetesSnapshots#reference} gives the object
   * itself, from {@code apiGroup}, {@code namespace} (absent: {@code default}) and {@code name}.
   *
   * @throws IllegalArgumentException when the {@code resource} is not of a kind the rules read
   *     ({@link #kindOf})
   */
  public static ResourceRef reference(String clusterId, JsonNode objectRef) {
    String kind = kindOf(objectRef.path("resource").asText(""));
    if (kind == null) {
      throw new IllegalArgumentException(
          "resource '"
              + objectRef.path("resource").asText("")
              + "' is not of a kind the rules read");
    }
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    String group = objectRef.path("apiGroup").asText("");
    String version = objectRef.path("apiVersion").asText("v1");
    o.put("apiVersion", group.isEmpty() ? version : group + "/" + version);
    o.put("kind", kind);
    ObjectNode metadata = o.putObject("metadata");
    metadata.put("name", objectRef.path("name").asText(""));
    metadata.put("namespace", objectRef.path("namespace").asText(""));
    return KubernetesSnapshots.reference(clusterId, KubernetesObject.of(o));
  }

  /** The changed objects of the events, and why each other event was skipped. */
  public static Extraction extract(List<JsonNode> events) {
    List<ChangedObject> objects = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    for (JsonNode event : events) {
      String id = InvalidInputException.excerpt(event.path("auditID").asText("(no auditID)"));
      String problem = skipReason(event);
      if (problem != null) {
        skipped.add(id + ": " + problem);
        continue;
      }
      JsonNode object = objectOf(event);
      if (object == null) {
        skipped.add(
            id
                + ": no object in the event (the audit policy must log this resource at level RequestResponse)");
        continue;
      }
      KubernetesObject o = KubernetesObject.of(object);
      if (!o.isSupported()) {
        skipped.add(id + ": kind " + InvalidInputException.excerpt(o.kind()) + " is not evaluated");
        continue;
      }
      String controller = KubernetesSnapshots.controllerOf(o);
      if (controller != null) {
        skipped.add(
            id
                + ": "
                + InvalidInputException.excerpt(o.label())
                + " was made by "
                + InvalidInputException.excerpt(controller)
                + " and is evaluated through it");
        continue;
      }
      objects.add(new ChangedObject(object, timeOf(event), id, event.path("verb").asText()));
    }
    return new Extraction(objects, skipped);
  }

  private static String skipReason(JsonNode event) {
    if (!event.isObject()
        || !"Event".equals(event.path("kind").asText())
        || !event.path("apiVersion").asText().startsWith("audit.k8s.io/")) {
      return "not an audit.k8s.io Event";
    }
    String verb = event.path("verb").asText("");
    if (!CHANGES.contains(verb)) {
      return "verb '" + InvalidInputException.excerpt(verb) + "' does not change an object";
    }
    String stage = event.path("stage").asText("");
    if (!stage.equals("ResponseComplete")) {
      return "stage " + InvalidInputException.excerpt(stage) + " (only ResponseComplete is read)";
    }
    String subresource = event.path("objectRef").path("subresource").asText("");
    if (!subresource.isEmpty()) {
      return "subresource '"
          + InvalidInputException.excerpt(subresource)
          + "' is not the object itself";
    }
    JsonNode codeNode = event.path("responseStatus").path("code");
    int code = codeNode.asInt(0);
    if (code == 0 && !codeNode.isMissingNode() && !codeNode.isNull()) {
      return "responseStatus.code is not a number";
    }
    if (code < 200 || code > 299) {
      return "the request failed (responseStatus.code " + (code == 0 ? "absent" : code) + ")";
    }
    return null;
  }

  private static JsonNode objectOf(JsonNode event) {
    JsonNode response = event.path("responseObject");
    if (KubernetesObject.looksLikeObject(response)) {
      return response;
    }
    JsonNode request = event.path("requestObject");
    if (!event.path("verb").asText().equals("patch") && KubernetesObject.looksLikeObject(request)) {
      return request;
    }
    return null;
  }

  private static Instant timeOf(JsonNode event) {
    for (String field : new String[] {"stageTimestamp", "requestReceivedTimestamp"}) {
      String text = event.path(field).asText("");
      if (!text.isEmpty()) {
        try {
          return Instant.parse(text);
        } catch (DateTimeParseException e) {
          // an unparsable time is no time: fall through to the next field
        }
      }
    }
    return null;
  }
}
