package dev.containerwatch.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.aws.loaders.AwsScope;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The EventBridge envelope, the same for every event: {@code version}, {@code id}, {@code
 * detail-type}, {@code source}, {@code account}, {@code time}, {@code region}, {@code resources[]},
 * {@code detail}. Read from the raw JSON with the kebab-case keys as they are.
 */
public record EventEnvelope(
    String id,
    String detailType,
    String source,
    String account,
    String region,
    Instant time,
    List<String> resources,
    JsonNode detail) {

  /**
   * @throws InvalidInputException when the event is not an EventBridge event
   */
  public static EventEnvelope parse(JsonNode event) {
    if (event == null || !event.isObject()) {
      throw new InvalidInputException("EventBridge event: not a JSON object");
    }
    String detailType = required(event, "detail-type");
    String source = required(event, "source");
    String account = required(event, "account");
    String region = required(event, "region");
    String timeText = required(event, "time");
    Instant time;
    try {
      time = Instant.parse(timeText);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException("EventBridge event: time '" + timeText + "' is not ISO-8601");
    }
    List<String> resources = new ArrayList<>();
    for (JsonNode r : event.path("resources")) {
      if (r.isTextual()) {
        resources.add(r.textValue());
      }
    }
    JsonNode detail = event.path("detail");
    if (!detail.isObject()) {
      throw new InvalidInputException("EventBridge event: detail is not an object");
    }
    return new EventEnvelope(
        event.path("id").asText(""), detailType, source, account, region, time, resources, detail);
  }

  private static String required(JsonNode event, String field) {
    JsonNode v = event.get(field);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      throw new InvalidInputException("EventBridge event: no " + field);
    }
    return v.textValue();
  }

  /** The event's account and region. */
  public AwsScope scope() {
    return new AwsScope(account, region);
  }

  /** How logs name the event: {@code aws.ecr/ECR Image Action 13cde686-...}. */
  public String label() {
    return source + "/" + detailType + " " + id;
  }
}
