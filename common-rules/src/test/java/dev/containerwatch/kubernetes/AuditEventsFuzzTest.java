package dev.containerwatch.kubernetes;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.containerwatch.kubernetes.audit.AuditEvents;
import dev.containerwatch.testing.Fuzzing;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Audit events: any text is parsed or refused with one clear line, and every parsed event gives an
 * object or a reason for skipping it.
 */
class AuditEventsFuzzTest {
  @Timeout(10)
  @FuzzTest
  void parseAndExtract(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Fuzzing.parser(
        () -> {
          var events = AuditEvents.parse(text);
          AuditEvents.Extraction x = AuditEvents.extract(events);
          if (x.objects().size() + x.skipped().size() != events.size()) {
            throw new AssertionError(
                events.size()
                    + " events gave "
                    + x.objects().size()
                    + " objects and "
                    + x.skipped().size()
                    + " skip reasons");
          }
        });
  }
}
