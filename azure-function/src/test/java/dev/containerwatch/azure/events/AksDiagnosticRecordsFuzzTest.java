package dev.containerwatch.azure.events;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.containerwatch.kubernetes.audit.AuditEvents;
import dev.containerwatch.testing.Fuzzing;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Event Hub messages of AKS diagnostic settings: any text is read into audit events (and why each
 * other record was skipped) or refused with one clear line; the events read go on to the object
 * extraction the audit-log handler runs.
 */
class AksDiagnosticRecordsFuzzTest {
  @Timeout(10)
  @FuzzTest
  void read(byte[] data) {
    String message = new String(data, StandardCharsets.UTF_8);
    Fuzzing.parser(
        () -> {
          AksDiagnosticRecords.Extraction x = AksDiagnosticRecords.read(message);
          for (AksDiagnosticRecords.AuditRecord r : x.events()) {
            if (r.clusterId() == null || !r.clusterId().startsWith("/subscriptions/")) {
              throw new AssertionError("an audit record without its cluster: " + r.clusterId());
            }
          }
          var events = x.events().stream().map(AksDiagnosticRecords.AuditRecord::event).toList();
          AuditEvents.Extraction objects = AuditEvents.extract(events);
          if (objects.objects().size() + objects.skipped().size() != events.size()) {
            throw new AssertionError("audit events lost in extraction");
          }
        });
  }
}
