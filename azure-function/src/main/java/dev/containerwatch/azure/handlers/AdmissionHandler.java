package dev.containerwatch.azure.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.azure.events.ArmId;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.kubernetes.admission.AdmissionController;
import dev.containerwatch.kubernetes.admission.AdmissionWebhook;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.pipeline.SinkException;
import java.nio.charset.StandardCharsets;
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
 *   <li>The size limit, the time budget and the failure policy are {@link AdmissionWebhook}'s: a
 *       body that is not an AdmissionReview gets 400 with the reason, one over 7 MiB 413, and a
 *       review that cannot finish within the budget fails open unless configured otherwise.
 *   <li>Findings are recorded for admitted CREATE and UPDATE requests that are not dry runs, of
 *       objects not made by a workload controller, within what is left of the budget. A failing
 *       write is logged and never changes the admission answer: the API server waits on it, and the
 *       audit log path records the object again.
 * </ul>
 */
public final class AdmissionHandler {
  private final FindingsPipeline pipeline;
  private final AdmissionWebhook webhook;
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
    this.webhook = new AdmissionWebhook(pipeline.engine(), configuration, clock);
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
    AdmissionWebhook.Answer answer =
        webhook.answer(
            body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), clusterId);
    if (answer.outcome() == AdmissionWebhook.Outcome.REJECTED) {
      log.warn("rejected", "reason", answer.error());
      return HttpOutcome.error(answer.status(), answer.error());
    }
    if (answer.outcome() != AdmissionWebhook.Outcome.REVIEWED) {
      log.error("review-failed", "outcome", answer.outcome(), "reason", answer.error());
    }
    JsonNode request = answer.request();
    List<Finding> findings = List.of();
    String skip =
        answer.outcome() == AdmissionWebhook.Outcome.REVIEWED
            ? recordSkipReason(request, answer.allowed())
            : "not reviewed";
    if (skip == null) {
      Snapshot snapshot =
          KubernetesSnapshots.of(clusterId, AdmissionController.objectOf(request), clock.instant());
      try (InvocationLog.Scope scope = InvocationLog.open(log)) {
        // The API server waits for the answer: recording gets what is left of the budget, then
        // goes on after the answer (the audit log path records the object again anyway).
        Optional<List<Finding>> recorded = answer.within(() -> pipeline.process(snapshot));
        if (recorded.isPresent()) {
          findings = recorded.get();
        } else {
          skip = "still recording when the budget ran out";
        }
      } catch (SinkException e) {
        log.error("record-failed", "uid", request.path("uid").asText(""), "reason", e.getMessage());
      }
    }
    JsonNode response = answer.response().path("response");
    log.info(
        "reviewed",
        "uid",
        request.path("uid").asText(""),
        "operation",
        request.path("operation").asText(""),
        "kind",
        request.path("kind").path("kind").asText(""),
        "allowed",
        answer.allowed(),
        "outcome",
        answer.outcome(),
        "warnings",
        response.path("warnings").size(),
        "recorded",
        skip == null ? "yes" : "no: " + skip,
        "findings",
        findings.size());
    return new HttpOutcome(200, answer.response(), findings);
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
    return record ? AdmissionController.notRecordedBecause(request, allowed) : "recording is off";
  }
}
