package dev.containerwatch.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the rules see of one resource: its canonical document, the evidence parts that were loaded
 * next to it, and when it was observed.
 *
 * <pre>{@code
 * Snapshot s = Snapshot.of(ref, clusterJson, eventTime)
 *     .with(Evidence.DIAGNOSTIC_SETTINGS, settingsJson);
 * }</pre>
 *
 * @param observedAt the time of the triggering event, or of the read when there is no event
 */
public record Snapshot(
    ResourceRef resource, JsonNode document, Map<Evidence, JsonNode> evidence, Instant observedAt) {

  public Snapshot {
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(observedAt, "observedAt");
    evidence = evidence.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(evidence));
  }

  public static Snapshot of(ResourceRef resource, JsonNode document, Instant observedAt) {
    return new Snapshot(resource, document, Map.of(), observedAt);
  }

  /** A copy with one more evidence part. */
  public Snapshot with(Evidence part, JsonNode value) {
    Map<Evidence, JsonNode> parts = new EnumMap<>(Evidence.class);
    parts.putAll(evidence);
    parts.put(part, value);
    return new Snapshot(resource, document, parts, observedAt);
  }

  public ResourceType type() {
    return resource.type();
  }

  /** The part, or empty when it was not looked up. */
  public Optional<JsonNode> evidence(Evidence part) {
    return Optional.ofNullable(evidence.get(part));
  }
}
