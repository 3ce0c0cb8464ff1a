package dev.containerwatch.gcp.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.pipeline.Change;
import java.util.Objects;

/**
 * One change an event tells of, with the resource document when the event carries it whole (a Cloud
 * Asset feed's {@code asset.resource.data}, a Kubernetes object of an audit log entry).
 *
 * @param document the canonical document, or null when the loader must read the resource
 */
public record EventChange(Change change, JsonNode document) {

  public EventChange {
    Objects.requireNonNull(change, "change");
  }

  public static EventChange of(Change change) {
    return new EventChange(change, null);
  }
}
