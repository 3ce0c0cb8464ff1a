package dev.containerwatch.gcp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.documents.Json;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.gcp.events.GkeNames;
import dev.containerwatch.kubernetes.admission.AdmissionWebhook;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.pipeline.SinkException;
import dev.containerwatch.vulnerabilities.ScanReportSource;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubPush;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubPushes;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubWebhook;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The HTTP function's two webhooks, independent of the Functions Framework's types:
 *
 * <ul>
 *   <li>{@code POST .../admission[?cluster=projects/P/locations/L/clusters/C]}: a Kubernetes
 *       validating admission webhook. It answers the AdmissionReview (warnings, or a denial for
 *       rules configured {@code effect: deny}) within the configured time budget, failing open
 *       unless configured otherwise ({@link AdmissionWebhook}), and writes no finding: the object
 *       may yet be denied or be a dry run, and the audit log path evaluates what was stored. The
 *       cluster (the objects' identity) comes from the query, else {@code
 *       CONTAINERWATCH_ADMISSION_CLUSTER}.
 *   <li>{@code POST .../dockerhub?token=SECRET}: Docker Hub's push webhook. The pushed image's
 *       report is looked up in the configured scan report source (pending until it is there), the
 *       Docker Hub rule evaluated and its finding written.
 * </ul>
 */
public final class WebhookHandler {
  /** The larger of the two webhooks' limits: the AdmissionReview's. */
  public static final int MAX_BODY_BYTES = AdmissionWebhook.MAX_REQUEST_BYTES;

  private final FindingsPipeline pipeline;
  private final AdmissionWebhook webhook;
  private final DockerHubWebhook dockerHub;
  private final ScanReportSource reports;
  private final String defaultCluster;
  private final Log log;
  private final Clock clock;

  /**
   * @param defaultCluster the admission webhook's cluster when the URL names none; may be null
   */
  public WebhookHandler(
      FindingsPipeline pipeline,
      Configuration configuration,
      DockerHubWebhook dockerHub,
      ScanReportSource reports,
      String defaultCluster,
      Log log,
      Clock clock) {
    this.pipeline = pipeline;
    this.webhook = new AdmissionWebhook(pipeline.engine(), configuration, clock);
    this.dockerHub = dockerHub;
    this.reports = reports;
    this.defaultCluster = defaultCluster;
    this.log = log;
    this.clock = clock;
  }

  /** An answer: status, JSON body. */
  public record Response(int status, String body) {}

  /**
   * @param query the first value of a query parameter
   */
  public Response handle(
      String method, String path, Function<String, Optional<String>> query, byte[] body) {
    String route = path == null ? "" : path.replaceAll("/+$", "");
    String last = route.substring(route.lastIndexOf('/') + 1);
    if (!last.equals("admission") && !last.equals("dockerhub")) {
      return error(404, "no such webhook: use /admission or /dockerhub", last, null);
    }
    if (!"POST".equals(method)) {
      return error(405, "only POST", last, null);
    }
    if (body != null && body.length > MAX_BODY_BYTES) {
      return error(
          413,
          "body of " + body.length + " bytes is over the limit of " + MAX_BODY_BYTES,
          last,
          null);
    }
    return last.equals("admission") ? admission(query, body) : dockerHub(query, body);
  }

  private Response admission(Function<String, Optional<String>> query, byte[] body) {
    try {
      String cluster = query.apply("cluster").filter(s -> !s.isBlank()).orElse(defaultCluster);
      if (cluster == null) {
        throw new InvalidInputException(
            "no cluster: add ?cluster=projects/P/locations/L/clusters/C to the webhook URL or set"
                + " CONTAINERWATCH_ADMISSION_CLUSTER");
      }
      ResourceRef ref =
          GkeNames.cluster(cluster)
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          "cluster '" + cluster + "' is not projects/P/locations/L/clusters/C"));
      AdmissionWebhook.Answer answer = webhook.answer(body == null ? new byte[0] : body, ref.id());
      if (answer.outcome() == AdmissionWebhook.Outcome.REJECTED) {
        return error(answer.status(), answer.error(), "admission", null);
      }
      ObjectNode response = answer.response();
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("webhook", "admission");
      fields.put("uid", response.path("response").path("uid").asText());
      fields.put("allowed", answer.allowed());
      fields.put("outcome", answer.outcome().name());
      fields.put("warnings", response.path("response").path("warnings").size());
      if (answer.outcome() == AdmissionWebhook.Outcome.REVIEWED) {
        log.info("admission reviewed", fields);
      } else {
        fields.put("reason", answer.error());
        log.error("admission review failed: " + answer.error(), fields);
      }
      return new Response(200, Json.write(response));
    } catch (InvalidInputException e) {
      return error(400, e.getMessage(), "admission", null);
    }
  }

  private Response dockerHub(Function<String, Optional<String>> query, byte[] body) {
    DockerHubPush push;
    try {
      push = dockerHub.accept(query.apply("token").orElse(null), body);
    } catch (DockerHubWebhook.Unauthenticated e) {
      return error(401, "unauthenticated", "dockerhub", null);
    } catch (InvalidInputException e) {
      return error(400, e.getMessage(), "dockerhub", null);
    }
    if (pipeline.sinks().isEmpty()) {
      return error(
          500,
          "no findings store is configured (CONTAINERWATCH_SCC_SOURCE, CONTAINERWATCH_WEBHOOK_URL)",
          "dockerhub",
          null);
    }
    try {
      List<Finding> findings =
          pipeline.process(DockerHubPushes.snapshot(push, reports, clock.instant()));
      Map<String, Object> fields = new LinkedHashMap<>();
      fields.put("webhook", "dockerhub");
      fields.put("image", push.image().toString());
      fields.put("findings", findings.size());
      log.info("Docker Hub push evaluated", fields);
      ObjectNode answer = Json.object();
      answer.put("image", push.image().toString());
      answer.set("findings", FindingJson.toJson(findings));
      return new Response(200, Json.write(answer));
    } catch (InvalidInputException e) {
      return error(400, e.getMessage(), "dockerhub", push.image().toString());
    } catch (SinkException e) {
      return error(500, "findings could not be written: " + e.getMessage(), "dockerhub", null);
    } catch (RuntimeException e) {
      log.error(
          "Docker Hub push failed",
          Map.of("webhook", "dockerhub", "reason", String.valueOf(e.getMessage())));
      return new Response(500, "{\"error\":\"internal error\"}");
    }
  }

  private Response error(int status, String reason, String webhook, String image) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("webhook", webhook);
    fields.put("status", status);
    fields.put("reason", reason);
    fields.put("image", image);
    if (status >= 500) {
      log.error("webhook request failed: " + reason, fields);
    } else {
      log.warning("webhook request rejected: " + reason, fields);
    }
    ObjectNode o = Json.object();
    o.put("error", reason);
    return new Response(status, Json.write(o));
  }
}
