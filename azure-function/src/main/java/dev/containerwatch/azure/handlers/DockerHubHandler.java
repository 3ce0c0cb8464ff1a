package dev.containerwatch.azure.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.vulnerabilities.ScanReportSource;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubPush;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubPushes;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubWebhook;
import java.time.Clock;
import java.util.List;

/**
 * Docker Hub's push webhook: checks the shared secret (the {@code token} query parameter; 401
 * without it or with another), reads the push (400 when the body is not a push), looks the image's
 * report up in the configured {@link ScanReportSource} (pending until one is there) and writes the
 * findings. A write that fails answers 500 and escapes nothing else: Docker Hub does not retry, so
 * the log line is the record.
 */
public final class DockerHubHandler {
  private final DockerHubWebhook webhook;
  private final ScanReportSource reports;
  private final FindingsPipeline pipeline;
  private final Clock clock;

  public DockerHubHandler(
      DockerHubWebhook webhook, ScanReportSource reports, FindingsPipeline pipeline, Clock clock) {
    this.webhook = webhook;
    this.reports = reports;
    this.pipeline = pipeline;
    this.clock = clock;
  }

  public HttpOutcome handle(String token, byte[] body, JsonLog log) {
    DockerHubPush push;
    try {
      push = webhook.accept(token, body);
    } catch (DockerHubWebhook.Unauthenticated e) {
      log.warn("rejected", "status", 401, "reason", e.getMessage());
      return HttpOutcome.error(401, "unauthorized");
    } catch (InvalidInputException e) {
      log.warn("rejected", "status", 400, "reason", e.getMessage());
      return HttpOutcome.error(400, e.getMessage());
    }
    List<Finding> findings;
    try (InvocationLog.Scope scope = InvocationLog.open(log)) {
      findings = pipeline.process(DockerHubPushes.snapshot(push, reports, clock.instant()));
    } catch (InvalidInputException e) {
      log.error("report-unreadable", "image", push.image().toString(), "reason", e.getMessage());
      return HttpOutcome.error(500, "the scan report of the image cannot be read");
    } catch (dev.containerwatch.pipeline.SinkException e) {
      log.error("write-failed", "image", push.image().toString(), "reason", e.getMessage());
      return HttpOutcome.error(500, "writing the findings failed");
    }
    ObjectNode answer = JsonNodeFactory.instance.objectNode();
    answer.put("image", push.image().toString());
    answer.put("findings", findings.size());
    log.info("processed", "image", push.image().toString(), "findings", findings.size());
    return new HttpOutcome(200, answer, findings);
  }
}
