package dev.containerwatch.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * What the rules see of one resource: its canonical document, the evidence parts that were loaded
 * next to it, and when it was observed.
 *
 * <pre>{@code
 * Snapshot s = Snapshot.of(ref, clusterJson, eventTime)
 *     .with(Evidence.DIAGNOSTIC_SETTINGS, settingsJson);
 * }</pre>
 */
public final class Snapshot {
  private final ResourceRef resource;
  private final JsonNode document;
  private final Map<Evidence, JsonNode> evidence;
  private final Instant observedAt;

  /** Views of the document several rules read (a Kubernetes object's pod), made once. */
  private final Map<String, Object> derived = new ConcurrentHashMap<>();

  /**
   * @param observedAt the time of the triggering event, or of the read when there is no event
   */
  public Snapshot(
      ResourceRef resource,
      JsonNode document,
      Map<Evidence, JsonNode> evidence,
      Instant observedAt) {
    this.resource = Objects.requireNonNull(resource, "resource");
    this.document = Objects.requireNonNull(document, "document");
    this.observedAt = Objects.requireNonNull(observedAt, "observedAt");
    this.evidence =
        evidence.isEmpty() ? Map.of() : Collections.unmodifiableMap(new EnumMap<>(evidence));
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

  public ResourceRef resource() {
    return resource;
  }

  /** The canonical document; rules read it and never change it. */
  public JsonNode document() {
    return document;
  }

  /** Every evidence part that was looked up. */
  public Map<Evidence, JsonNode> evidence() {
    return evidence;
  }

  public Instant observedAt() {
    return observedAt;
  }

  public ResourceType type() {
    return resource.type();
  }

  /** The part, or empty when it was not looked up. */
  public Optional<JsonNode> evidence(Evidence part) {
    return Optional.ofNullable(evidence.get(part));
  }

  /**
   * A view of the document computed on first use and shared by every rule that asks for the same
   * key: sixteen data-plane rules read the same pod, which is worth reading once.
   */
  @SuppressWarnings("unchecked")
  public <T> T derived(String key, Function<Snapshot, T> compute) {
    Object value = derived.get(key);
    if (value == null) {
      value = compute.apply(this);
      derived.putIfAbsent(key, value);
    }
    return (T) value;
  }

  @Override
  public String toString() {
    return "Snapshot["
        + resource.type()
        + " "
        + resource.id()
        + ", parts "
        + evidence.keySet()
        + "]";
  }
}
