package dev.containerwatch.gcp.events;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.pipeline.Change;
import dev.containerwatch.testing.Fuzzing;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Timeout;

/**
 * The Pub/Sub event parsers under the parsers' contract ({@link Fuzzing}): any input is read into
 * changes or refused with one bounded {@code InvalidInputException} line. Seeds: the CloudEvent
 * data of {@code events-samples/gcp} (accepted and rejected) and the decoded payloads of each
 * family.
 */
class PubSubEventsFuzzTest {
  private static final Instant TIME = Instant.parse("2026-11-30T07:59:00Z");

  /** The binary-mode CloudEvent's data: envelope, base64 message, attributes, then the message. */
  @Timeout(10)
  @FuzzTest
  void envelope(byte[] data) {
    Fuzzing.parser(
        () -> {
          PubSubEnvelope e = PubSubEnvelope.of("4711", PubSubEnvelope.TYPE, "//pubsub", TIME, data);
          check(PubSubMessages.read(e.message(), e.eventId(), e.time()));
        });
    Fuzzing.parser(
        () -> {
          JsonNode event = Fuzzing.json(data);
          if (event != null) {
            PubSubEnvelope e = PubSubEnvelope.fromStructured(event);
            check(PubSubMessages.read(e.message(), e.eventId(), TIME));
          }
        });
  }

  /** A decoded message of any family, recognised by its content. */
  @Timeout(10)
  @FuzzTest
  void message(byte[] data) {
    Fuzzing.parser(() -> check(PubSubMessages.read(decoded(data), "4711", TIME)));
  }

  /** Cloud Asset feed messages (TemporalAsset), straight to their parser. */
  @Timeout(10)
  @FuzzTest
  void assetFeed(byte[] data) {
    JsonNode body = Fuzzing.json(data);
    if (body != null && AssetFeedMessages.accepts(body)) {
      Fuzzing.parser(() -> check(AssetFeedMessages.parse(body, "4711", TIME)));
    }
  }

  /** {@code gcr} notifications of Artifact Registry and Container Registry. */
  @Timeout(10)
  @FuzzTest
  void registry(byte[] data) {
    JsonNode body = Fuzzing.json(data);
    if (body != null && RegistryNotifications.accepts(body)) {
      Fuzzing.parser(() -> check(RegistryNotifications.parse(body, "4711", TIME)));
    }
  }

  /** Artifact Analysis occurrence notifications. */
  @Timeout(10)
  @FuzzTest
  void occurrence(byte[] data) {
    JsonNode body = Fuzzing.json(data);
    if (body != null && OccurrenceNotifications.accepts(body)) {
      Fuzzing.parser(() -> check(OccurrenceNotifications.parse(body, "4711", TIME)));
    }
  }

  /** GKE audit log entries: cluster administration and Kubernetes objects. */
  @Timeout(10)
  @FuzzTest
  void auditLog(byte[] data) {
    JsonNode body = Fuzzing.json(data);
    if (body != null && AuditLogEntries.accepts(body)) {
      Fuzzing.parser(() -> check(AuditLogEntries.parse(body, "4711", TIME)));
    }
  }

  private static PubSubMessage decoded(byte[] data) {
    return new PubSubMessage(data, Map.of("origin", "fuzz"), "4711", TIME);
  }

  /** What a parser gives must be usable by the handler: a family, and changes with a time. */
  private static void check(EventChanges parsed) {
    if (parsed.family() == null || parsed.family().isEmpty()) {
      throw new AssertionError("no family: " + parsed);
    }
    if (parsed.changes().isEmpty() && parsed.notes().isEmpty()) {
      throw new AssertionError("neither a change nor a note: " + parsed);
    }
    for (EventChange c : parsed.changes()) {
      Change change = c.change();
      if (change.kind() != Change.Kind.SWEEP && change.resource().id().isEmpty()) {
        throw new AssertionError("a change without resource id: " + change);
      }
      if (c.document() != null && !c.document().isObject()) {
        throw new AssertionError("a carried document that is not an object: " + change);
      }
    }
  }
}
