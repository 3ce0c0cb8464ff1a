package dev.containerwatch.gcp.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises what a Pub/Sub message is by its content, and hands it to its family's parser. One
 * function serves every topic (asset feed, {@code gcr}, Artifact Analysis occurrences, the audit
 * log sink, the scheduler), so the topic does not need to be configured per trigger.
 *
 * <p>Recognised, in this order: a Cloud Asset feed {@code TemporalAsset} (an {@code asset} with an
 * {@code assetType}) or its plain-text welcome message; an audit {@code LogEntry} (a {@code
 * protoPayload}); an Artifact Analysis notification (an occurrence {@code name} and a {@code
 * kind}); a sweep request ({@code {"action": "sweep"}}); a {@code gcr} notification (an {@code
 * action} with a {@code digest} or {@code tag}). Anything else is rejected with the reason.
 */
public final class PubSubMessages {

  private PubSubMessages() {}

  /**
   * @param eventId the envelope's id, carried by the changes
   * @param time the envelope's time: changes fall back to it when the message has no time
   * @throws InvalidInputException when the message is none of the known kinds, or malformed
   */
  public static EventChanges read(PubSubMessage message, String eventId, Instant time) {
    byte[] data = message.data();
    if (data.length == 0) {
      throw new InvalidInputException(
          "Pub/Sub message "
              + message.messageId()
              + " has no data (attributes only: "
              + message.attributes().keySet()
              + ")");
    }
    String text = message.text();
    JsonNode body;
    try {
      body = Json.read(text);
    } catch (IOException e) {
      body = null;
    }
    if (body == null || body.isMissingNode()) {
      if (AssetFeedMessages.isWelcome(text)) {
        return EventChanges.ignored(
            AssetFeedMessages.FAMILY, "Cloud Asset feed welcome message (plain text)");
      }
      throw new InvalidInputException(
          "Pub/Sub message data is not JSON (" + data.length + " bytes)");
    }
    if (!body.isObject()) {
      throw new InvalidInputException(
          "Pub/Sub message data is JSON but not an object (" + body.getNodeType() + ")");
    }
    Instant when = time != null ? time : message.publishTime();
    if (when == null) {
      throw new InvalidInputException("Pub/Sub message has neither event time nor publish time");
    }
    if (AssetFeedMessages.accepts(body)) {
      return AssetFeedMessages.parse(body, eventId, when);
    }
    if (AuditLogEntries.accepts(body)) {
      return AuditLogEntries.parse(body, eventId, when);
    }
    if (OccurrenceNotifications.accepts(body)) {
      return OccurrenceNotifications.parse(body, eventId, when);
    }
    if (SweepRequests.accepts(body)) {
      return SweepRequests.parse(eventId, when);
    }
    if (RegistryNotifications.accepts(body)) {
      return RegistryNotifications.parse(body, eventId, when);
    }
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    throw new InvalidInputException(
        "Pub/Sub message is not a Cloud Asset feed message, audit log entry, Artifact Analysis"
            + " notification, gcr notification or sweep request (top-level fields: "
            + (fields.size() > 10 ? fields.subList(0, 10) + "..." : fields)
            + ")");
  }
}
