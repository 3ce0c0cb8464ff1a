package dev.containerwatch.azure.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Parses what the Event Grid trigger hands the function: one event (the trigger delivers one per
 * invocation) or an array of them, in the Event Grid schema ({@code eventType}, {@code topic},
 * {@code eventTime}) or the CloudEvents 1.0 schema ({@code specversion}, {@code type}, {@code
 * source}, {@code time}).
 *
 * <p>Known quirk: Container Registry has delivered {@code data} as a JSON string instead of an
 * object; a string that holds a JSON object or array is parsed. CloudEvents {@code data_base64} is
 * decoded and parsed the same way.
 */
public final class EventGridEnvelope {

  private EventGridEnvelope() {}

  /**
   * The events of a delivery.
   *
   * @throws InvalidInputException naming what is malformed (not JSON, no id or type, a bad time)
   */
  public static List<GridEvent> parse(String body) {
    if (body == null || body.isBlank()) {
      throw new InvalidInputException("Event Grid: empty delivery");
    }
    JsonNode root;
    try {
      root = Json.read(body);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "Event Grid: delivery is not valid JSON: "
              + InvalidInputException.firstLine(e.getOriginalMessage()));
    }
    List<GridEvent> out = new ArrayList<>();
    if (root.isArray()) {
      if (root.isEmpty()) {
        throw new InvalidInputException("Event Grid: delivery is an empty array");
      }
      for (int i = 0; i < root.size(); i++) {
        out.add(event(root.get(i), "[" + i + "]"));
      }
    } else {
      out.add(event(root, ""));
    }
    return out;
  }

  /** One event object of either schema. */
  public static GridEvent event(JsonNode node, String where) {
    String at = where.isEmpty() ? "" : " " + where;
    if (node == null || !node.isObject()) {
      throw new InvalidInputException("Event Grid: event" + at + " is not a JSON object");
    }
    boolean cloudEvent = node.has("specversion");
    GridEvent.Schema schema =
        cloudEvent ? GridEvent.Schema.CLOUD_EVENTS : GridEvent.Schema.EVENT_GRID;
    String id = text(node, "id");
    String type = text(node, cloudEvent ? "type" : "eventType");
    if (id.isEmpty()) {
      throw new InvalidInputException("Event Grid: event" + at + " has no id");
    }
    if (type.isEmpty()) {
      throw new InvalidInputException(
          "Event Grid: event " + id + " has no " + (cloudEvent ? "type" : "eventType"));
    }
    if (cloudEvent && !text(node, "specversion").equals("1.0")) {
      throw new InvalidInputException(
          "Event Grid: event "
              + id
              + " has specversion '"
              + text(node, "specversion")
              + "' (only CloudEvents 1.0 is read)");
    }
    String source = text(node, cloudEvent ? "source" : "topic");
    String timeField = cloudEvent ? "time" : "eventTime";
    Instant time = time(text(node, timeField), id, timeField);
    JsonNode data = node.path("data");
    if (cloudEvent && data.isMissingNode() && node.path("data_base64").isTextual()) {
      data = decodeBase64(node.get("data_base64").textValue(), id);
    }
    return new GridEvent(
        schema, id, type, source, text(node, "subject"), time, unwrapStringData(data, id));
  }

  /** A {@code data} delivered as a JSON string holding an object or array, parsed. */
  static JsonNode unwrapStringData(JsonNode data, String id) {
    if (data == null || data.isNull()) {
      return MissingNode.getInstance();
    }
    if (!data.isTextual()) {
      return data;
    }
    String text = data.textValue().strip();
    if (!text.startsWith("{") && !text.startsWith("[")) {
      return data;
    }
    try {
      return Json.read(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException(
          "Event Grid: event " + id + " has a data string that is not valid JSON");
    }
  }

  private static JsonNode decodeBase64(String encoded, String id) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(encoded);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("Event Grid: event " + id + " has invalid data_base64");
    }
    return JsonNodeFactory.instance.textNode(new String(bytes, StandardCharsets.UTF_8));
  }

  private static Instant time(String text, String id, String field) {
    if (text.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e2) {
        throw new InvalidInputException(
            "Event Grid: event " + id + " has " + field + " '" + text + "', not an ISO-8601 time");
      }
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.isTextual() ? value.textValue() : "";
  }
}
