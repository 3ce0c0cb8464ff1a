package dev.containerwatch.kubernetes.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.Effect;
import dev.containerwatch.engine.Evaluation;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.engine.Status;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.model.Snapshot;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A Kubernetes validating admission webhook over the data-plane rules: takes an {@code
 * admission.k8s.io/v1} AdmissionReview request and returns the AdmissionReview response with the
 * request's {@code uid}.
 *
 * <ul>
 *   <li>A failed rule whose effect is {@code audit} (the default) adds a warning; the object is
 *       allowed.
 *   <li>A failed rule whose effect is {@code deny} denies the object (HTTP 403 in the status), with
 *       every denying reason in the message.
 *   <li>DELETE and CONNECT, objects of kinds no rule reads, and objects in a rule's excluded
 *       namespaces are allowed untouched.
 *   <li>A rule that cannot decide ({@code UNKNOWN}) never denies.
 * </ul>
 *
 * <pre>{@code
 * AdmissionController webhook = new AdmissionController(engine, configuration, clusterId, clock);
 * JsonNode response = webhook.review(requestJson);
 * }</pre>
 */
public final class AdmissionController {
  /** Kubernetes truncates longer warnings; keep each whole and readable. */
  static final int MAX_WARNING_LENGTH = 256;

  /** The API server rejects responses whose warnings add up to more than this. */
  static final int MAX_WARNINGS_TOTAL = 4096;

  private static final Set<String> API_VERSIONS =
      Set.of("admission.k8s.io/v1", "admission.k8s.io/v1beta1");

  private final RuleEngine engine;
  private final Configuration configuration;
  private final String clusterId;
  private final Clock clock;

  public AdmissionController(
      RuleEngine engine, Configuration configuration, String clusterId, Clock clock) {
    this.engine = engine;
    this.configuration = configuration;
    this.clusterId = clusterId;
    this.clock = clock;
  }

  /**
   * The AdmissionReview response for a request.
   *
   * @throws InvalidInputException when the body is not an AdmissionReview request (the webhook
   *     answers 400)
   */
  public ObjectNode review(JsonNode review) {
    Request identity = identify(review);
    JsonNode request = review.path("request");
    String apiVersion = identity.apiVersion();
    String uid = identity.uid();
    String operation = request.path("operation").asText("");
    JsonNode object = request.path("object");
    if (operation.equals("DELETE") || operation.equals("CONNECT") || !object.isObject()) {
      return response(apiVersion, uid, List.of(), List.of());
    }
    object = objectOf(request);
    if (!KubernetesObject.looksLikeObject(object) || !KubernetesObject.of(object).isSupported()) {
      return response(apiVersion, uid, List.of(), List.of());
    }
    Snapshot snapshot = KubernetesSnapshots.of(clusterId, object, clock.instant());
    List<String> denials = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    for (Evaluation e : engine.evaluate(snapshot)) {
      if (e.status() != Status.FAILED) {
        continue;
      }
      String line = "[" + e.ruleId() + "] " + e.reason();
      if (configuration.settings(e.ruleId()).effect() == Effect.DENY) {
        denials.add(line);
      } else {
        warnings.add(line);
      }
    }
    return response(apiVersion, uid, denials, warnings);
  }

  /** What every response must repeat of its request. */
  public record Request(String apiVersion, String uid) {}

  /**
   * Checks that {@code review} is an AdmissionReview request and returns what its response needs.
   *
   * @throws InvalidInputException when it is not one (the webhook answers 400)
   */
  public static Request identify(JsonNode review) {
    if (review == null || !review.isObject()) {
      throw new InvalidInputException("AdmissionReview: expected a JSON object");
    }
    String apiVersion = review.path("apiVersion").asText("");
    if (!API_VERSIONS.contains(apiVersion)
        || !"AdmissionReview".equals(review.path("kind").asText())) {
      throw new InvalidInputException(
          "AdmissionReview: expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got '"
              + InvalidInputException.excerpt(apiVersion)
              + "' and '"
              + InvalidInputException.excerpt(review.path("kind").asText(""))
              + "'");
    }
    JsonNode request = review.path("request");
    String uid = request.path("uid").asText("");
    if (!request.isObject() || uid.isEmpty()) {
      throw new InvalidInputException("AdmissionReview: request.uid is missing");
    }
    return new Request(apiVersion, uid);
  }

  /**
   * Why the object of a reviewed request is not recorded as findings: denied, a dry run, an
   * operation other than CREATE and UPDATE, a kind no rule reads, an object a controller made (it
   * is evaluated through the controller). Null when it is recorded.
   */
  public static String notRecordedBecause(JsonNode request, boolean allowed) {
    if (!allowed) {
      return "denied";
    }
    if (request.path("dryRun").asBoolean(false)) {
      return "dry run";
    }
    String operation = request.path("operation").asText("");
    if (!operation.equals("CREATE") && !operation.equals("UPDATE")) {
      return "operation " + operation;
    }
    JsonNode object = request.path("object");
    if (!KubernetesObject.looksLikeObject(object) || !KubernetesObject.of(object).isSupported()) {
      return "kind not evaluated";
    }
    if (KubernetesSnapshots.controllerOf(KubernetesObject.of(object)) != null) {
      return "made by a controller";
    }
    return null;
  }

  /** The response allowing the request with one warning: how the webhook fails open. */
  public static ObjectNode allowedWithWarning(Request request, String warning) {
    return response(request.apiVersion(), request.uid(), List.of(), List.of(warning));
  }

  /** The response denying the request with an error status: how the webhook fails closed. */
  public static ObjectNode deniedWithError(Request request, String message) {
    ObjectNode root = response(request.apiVersion(), request.uid(), List.of(), List.of());
    ObjectNode response = (ObjectNode) root.get("response");
    response.put("allowed", false);
    ObjectNode status = response.putObject("status");
    status.put("code", 500);
    status.put("reason", "InternalError");
    status.put("message", message);
    return root;
  }

  /**
   * The request's object with its namespace: on CREATE the object's own metadata may leave the
   * namespace out; the request names it, and the namespace decides both the rules' scope and the
   * object's identity.
   */
  public static JsonNode objectOf(JsonNode request) {
    JsonNode object = request.path("object");
    String namespace = request.path("namespace").asText("");
    if (namespace.isEmpty() || object.path("metadata").path("namespace").asText("").length() > 0) {
      return object;
    }
    ObjectNode copy = object.deepCopy();
    if (copy.path("metadata").isObject()) {
      ((ObjectNode) copy.get("metadata")).put("namespace", namespace);
    }
    return copy;
  }

  private static ObjectNode response(
      String apiVersion, String uid, List<String> denials, List<String> warnings) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    root.put("apiVersion", apiVersion);
    root.put("kind", "AdmissionReview");
    ObjectNode response = root.putObject("response");
    response.put("uid", uid);
    response.put("allowed", denials.isEmpty());
    if (!denials.isEmpty()) {
      ObjectNode status = response.putObject("status");
      status.put("code", 403);
      status.put("reason", "Forbidden");
      status.put("message", "denied by containerwatch: " + String.join("; ", denials));
    }
    if (!warnings.isEmpty()) {
      ArrayNode list = response.putArray("warnings");
      int total = 0;
      for (String w : warnings) {
        String text =
            w.length() > MAX_WARNING_LENGTH ? w.substring(0, MAX_WARNING_LENGTH - 3) + "..." : w;
        if (total + text.length() > MAX_WARNINGS_TOTAL) {
          list.add(
              "[containerwatch] " + (warnings.size() - list.size()) + " more warning(s) left out");
          break;
        }
        total += text.length();
        list.add(text);
      }
    }
    return root;
  }
}
