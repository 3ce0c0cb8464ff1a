package dev.containerwatch.gcp.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.pipeline.Change;
import java.time.Instant;

/**
 * A scheduled sweep: the message a Cloud Scheduler job publishes, {@code {"action": "sweep"}}.
 * Every cluster of the configured projects ({@code CONTAINERWATCH_PROJECTS}) is read and evaluated,
 * so that findings converge even if an event was lost.
 */
public final class SweepRequests {
  public static final String FAMILY = "sweep";

  private SweepRequests() {}

  public static boolean accepts(JsonNode message) {
    return "sweep".equals(message.path("action").asText(null));
  }

  public static EventChanges parse(String eventId, Instant time) {
    return EventChanges.of(
        FAMILY, EventChange.of(new Change(Change.Kind.SWEEP, null, time, eventId)));
  }
}
