package dev.containerwatch.azure.handlers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.events.ArmId;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.kubernetes.admission.AdmissionController;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.pipeline.SinkException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The validating admission webhook: answers an {@code admission.k8s.io/v1} AdmissionReview with
 * {@link AdmissionController} (warnings for failing rules, a denial for rules whose effect is
 * {@code deny}), and records the findings of an admitted object like the audit log path does.
 *
 * <ul>
 *   <li>The cluster is named by the {@code cluster} query parameter (its ARM id) and must be one of
 *       the configured clusters; with one configured cluster the parameter may be left out. Another
 *       cluster gets 403.
 *   <li>A body that is not an AdmissionReview gets 400 with the reason.
 *   <li>Findings are recorded for admitted CREATE and UPDATE requests that are not dry runs, of
 *       objects not made by a workload controller. A failing write is logged and never changes the
 *       admission answer: the API server waits on it, and the audit log path records the object
 *       again.
 * </ul>
 */
public final class AdmissionHandler {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final FindingsPipeline pipeline;
  private final Configuration configuration;
  private final Map<String, String> clusters = new TreeMap<>();
  private final boolean record;
  private final Clock clock;

  /**
   * @param clusters the ARM ids of the clusters allowed to call
   * @param record whether admitted objects' findings are written to the sinks
   */
  public AdmissionHandler(
      FindingsPipeline pipeline,
      Configuration configuration,
      Set<String> clusters,
      boolean record,
      Clock clock) {
    this.pipeline = pipeline;
    this.configuration = configuration;
    clusters.forEach(c -> this.clusters.put(c.toLowerCase(Locale.ROOT), c));
    this.record = record;
    this.clock = clock;
  }

  public HttpOutcome handle(String body, String clusterParameter, JsonLog log) {
    Optional<String> cluster = cluster(clusterParameter);
    if (cluster.isEmpty()) {
      String reason =
          clusterParameter == null || clusterParameter.isBlank()
              ? "the cluster query parameter is required ("
                  + clusters.size()
                  + " clusters are configured)"
              : "cluster is not one of the configured admission clusters";
      log.warn("rejected", "reason", reason);
      return HttpOutcome.error(403, reason);
    }
    String clusterId = cluster.get();
    JsonNode review;
    try {
      review = JSON.readTree(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      log.warn("rejected", "reason", "AdmissionReview: body is not valid JSON");
      return HttpOutcome.error(400, "AdmissionReview: body is not valid JSON");
    }
    AdmissionController controller =
        new AdmissionController(pipeline.engine(), configuration, clusterId, clock);
    ObjectNode response;
    try {
      response = controller.review(review);
    } catch (InvalidInputException e) {
      log.warn("rejected", "reason", e.getMessage());
      return HttpOutcome.error(400, e.getMessage());
    }
    JsonNode request = review.path("request");
    boolean allowed = response.path("response").path("allowed").asBoolean(false);
    List<Finding> findings = List.of();
    String skip = recordSkipReason(request, allowed);
    if (skip == null) {
      JsonNode object = withNamespace(request.path("object"), request.path("namespace").asText(""));
      try (InvocationLog.Scope scope = InvocationLog.open(log)) {
        findings = pipeline.process(KubernetesSnapshots.of(clusterId, object, clock.instant()));
      } catch (SinkException e) {
        log.error("record-failed", "uid", request.path("uid").asText(""), "reason", e.getMessage());
      }
    }
    log.info(
        "reviewed",
        "uid",
        request.path("uid").asText(""),
        "operation",
        request.path("operation").asText(""),
        "kind",
        request.path("kind").path("kind").asText(""),
        "allowed",
        allowed,
        "warnings",
        response.path("response").path("warnings").size(),
        "recorded",
        skip == null ? "yes" : "no: " + skip,
        "findings",
        findings.size());
    return new HttpOutcome(200, response, findings);
  }

  private Optional<String> cluster(String parameter) {
    if (parameter == null || parameter.isBlank()) {
      return clusters.size() == 1
          ? Optional.of(clusters.values().iterator().next())
          : Optional.empty();
    }
    String id = clusters.get(parameter.strip().toLowerCase(Locale.ROOT));
    if (id == null || ArmId.parse(id).isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(id);
  }

  private String recordSkipReason(JsonNode request, boolean allowed) {
    if (!record) {
      return "recording is off";
    }
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

  private static JsonNode withNamespace(JsonNode object, String namespace) {
    if (namespace.isEmpty() || !object.path("metadata").path("namespace").asText("").isEmpty()) {
      return object;
    }
    ObjectNode copy = object.deepCopy();
    if (copy.path("metadata").isObject()) {
      ((ObjectNode) copy.get("metadata")).put("namespace", namespace);
    }
    return copy;
  }
}
