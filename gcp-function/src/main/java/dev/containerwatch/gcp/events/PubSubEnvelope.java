package dev.containerwatch.gcp.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The CloudEvent Eventarc delivers for a Pub/Sub message ({@value #TYPE}), read into its parts.
 *
 * <p>The event's data is {@code {"message": {"data": <base64>, "attributes": {...}, "messageId":
 * "...", "publishTime": "..."}, "subscription": "projects/P/subscriptions/S"}}. The message id and
 * publish time fall back to the CloudEvent's id and time, which Eventarc sets to the same values.
 *
 * @param eventId the CloudEvent id (Eventarc uses the Pub/Sub message id)
 * @param source the CloudEvent source ({@code //pubsub.googleapis.com/projects/P/topics/T})
 * @param time the CloudEvent time, else the publish time, else null
 */
public record PubSubEnvelope(
    String eventId,
    String eventType,
    String source,
    Instant time,
    String subscription,
    PubSubMessage message) {

  /** The CloudEvent type of a published Pub/Sub message. */
  public static final String TYPE = "google.cloud.pubsub.topic.v1.messagePublished";

  /** Eventarc keeps message data far below this; anything larger is not one of our events. */
  static final int MAX_DATA_BYTES = 10 * 1024 * 1024;

  /**
   * Reads a binary-mode CloudEvent's attributes and data.
   *
   * @throws InvalidInputException when the event is not a {@value #TYPE} event with a Pub/Sub
   *     message in its data
   */
  public static PubSubEnvelope of(
      String eventId, String eventType, String source, Instant time, byte[] data) {
    if (!TYPE.equals(eventType)) {
      throw new InvalidInputException(
          "CloudEvent type '" + eventType + "' is not " + TYPE + " (configure a Pub/Sub trigger)");
    }
    if (data == null || data.length == 0) {
      throw new InvalidInputException("CloudEvent " + eventId + " has no data");
    }
    if (data.length > MAX_DATA_BYTES) {
      throw new InvalidInputException(
          "CloudEvent data of " + data.length + " bytes is over " + MAX_DATA_BYTES);
    }
    JsonNode body;
    try {
      body = Json.read(data);
    } catch (IOException e) {
      throw new InvalidInputException(
          "CloudEvent data is not JSON (expected {\"message\": ..., \"subscription\": ...})");
    }
    return fromData(eventId, eventType, source, time, body);
  }

  /**
   * Reads a structured-mode CloudEvent (the JSON form of the whole event, as the samples hold it).
   */
  public static PubSubEnvelope fromStructured(JsonNode event) {
    if (event == null || !event.isObject()) {
      throw new InvalidInputException("CloudEvent is not a JSON object");
    }
    String type = event.path("type").asText("");
    if (!TYPE.equals(type)) {
      throw new InvalidInputException(
          "CloudEvent type '" + type + "' is not " + TYPE + " (configure a Pub/Sub trigger)");
    }
    return fromData(
        event.path("id").asText(""),
        type,
        event.path("source").asText(""),
        instant(event.path("time"), "time"),
        event.path("data"));
  }

  private static PubSubEnvelope fromData(
      String eventId, String eventType, String source, Instant time, JsonNode body) {
    if (body == null || !body.isObject() || !body.path("message").isObject()) {
      throw new InvalidInputException(
          "CloudEvent data has no 'message' object (expected a Pub/Sub messagePublished event)");
    }
    JsonNode m = body.get("message");
    byte[] bytes = new byte[0];
    JsonNode data = m.path("data");
    if (!data.isMissingNode() && !data.isNull()) {
      if (!data.isTextual()) {
        throw new InvalidInputException("message.data is not a base64 string");
      }
      try {
        bytes = Base64.getDecoder().decode(data.textValue().strip());
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException("message.data is not valid base64");
      }
    }
    Map<String, String> attributes = new LinkedHashMap<>();
    JsonNode attrs = m.path("attributes");
    if (attrs.isObject()) {
      attrs.properties().forEach(a -> attributes.put(a.getKey(), a.getValue().asText()));
    } else if (!attrs.isMissingNode() && !attrs.isNull()) {
      throw new InvalidInputException("message.attributes is not an object");
    }
    String messageId = m.path("messageId").asText(m.path("message_id").asText(eventId));
    Instant publishTime = instant(m.path("publishTime"), "message.publishTime");
    if (publishTime == null) {
      publishTime = instant(m.path("publish_time"), "message.publish_time");
    }
    PubSubMessage message = new PubSubMessage(bytes, attributes, messageId, publishTime);
    return new PubSubEnvelope(
        eventId == null || eventId.isEmpty() ? messageId : eventId,
        eventType,
        source,
        time != null ? time : publishTime,
        body.path("subscription").asText(null),
        message);
  }

  private static Instant instant(JsonNode node, String what) {
    if (node == null || node.isMissingNode() || node.isNull() || node.asText().isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(node.asText());
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(what + " '" + node.asText() + "' is not an RFC 3339 time");
    }
  }
}
