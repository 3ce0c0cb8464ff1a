package dev.containerwatch.azure.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One Event Grid delivery, in either schema, with the fields the handlers read under their
 * CloudEvents names.
 *
 * @param schema which schema the event came in
 * @param id Event Grid {@code id} / CloudEvents {@code id}
 * @param type Event Grid {@code eventType} / CloudEvents {@code type}
 * @param source Event Grid {@code topic} / CloudEvents {@code source}: the ARM id of the topic's
 *     resource (a registry, a cluster, a resource group, a subscription)
 * @param subject {@code subject}, or empty
 * @param time Event Grid {@code eventTime} / CloudEvents {@code time}; null when the event has none
 * @param data the event's data as JSON; an object delivered as a JSON string is parsed
 */
public record GridEvent(
    Schema schema,
    String id,
    String type,
    String source,
    String subject,
    Instant time,
    JsonNode data) {

  /** The two schemas an Event Grid subscription can deliver. */
  public enum Schema {
    EVENT_GRID,
    CLOUD_EVENTS
  }
}
