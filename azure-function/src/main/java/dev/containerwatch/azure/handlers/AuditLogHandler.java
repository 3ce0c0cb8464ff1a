package dev.containerwatch.azure.handlers;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.events.AksDiagnosticRecords;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.kubernetes.audit.AuditEvents;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingsPipeline;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Handles a batch of Event Hub messages of AKS resource logs: the Kubernetes audit events ({@code
 * kube-audit}, {@code kube-audit-admin}) are unwrapped ({@link AksDiagnosticRecords}), the changed
 * objects taken out ({@link AuditEvents}), and each object's latest state in the batch is evaluated
 * with the data-plane rules; all findings are written together.
 *
 * <p>A malformed message is logged and acknowledged, and the rest of the batch is processed;
 * skipped records and events are counted in the summary line with their first reasons.
 */
public final class AuditLogHandler {
  static final int REASONS_LOGGED = 10;

  private final FindingsPipeline pipeline;
  private final Clock clock;

  public AuditLogHandler(FindingsPipeline pipeline, Clock clock) {
    this.pipeline = pipeline;
    this.clock = clock;
  }

  public Outcome handle(List<String> messages, JsonLog log) {
    List<String> rejected = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Map<String, Snapshot> latest = new LinkedHashMap<>();
    for (int i = 0; i < messages.size(); i++) {
      AksDiagnosticRecords.Extraction records;
      try {
        records = AksDiagnosticRecords.read(messages.get(i));
      } catch (InvalidInputException e) {
        log.warn("rejected", "message", i, "reason", e.getMessage());
        rejected.add(e.getMessage());
        continue;
      }
      skipped.addAll(records.skipped());
      for (AksDiagnosticRecords.AuditRecord record : records.events()) {
        AuditEvents.Extraction x = AuditEvents.extract(List.of(record.event()));
        skipped.addAll(x.skipped());
        for (AuditEvents.ChangedObject o : x.objects()) {
          Instant time =
              o.time() != null
                  ? o.time()
                  : record.recordTime() != null ? record.recordTime() : clock.instant();
          Snapshot s = KubernetesSnapshots.of(record.clusterId(), o.object(), time);
          Snapshot before = latest.get(s.resource().id());
          if (before == null || !time.isBefore(before.observedAt())) {
            latest.remove(s.resource().id());
            latest.put(s.resource().id(), s);
          }
        }
      }
    }
    List<Finding> findings;
    try (InvocationLog.Scope scope = InvocationLog.open(log)) {
      findings = pipeline.processAll(new ArrayList<>(latest.values()));
    }
    Outcome outcome = new Outcome(findings, List.of(), skipped, rejected);
    log.info(
        "processed",
        "messages",
        messages.size(),
        "objects",
        latest.size(),
        "skipped",
        skipped.size(),
        "skippedReasons",
        skipped.subList(0, Math.min(REASONS_LOGGED, skipped.size())),
        "findings",
        outcome.counts());
    return outcome;
  }
}
