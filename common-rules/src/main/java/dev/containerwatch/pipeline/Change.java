package dev.containerwatch.pipeline;

import dev.containerwatch.model.ResourceRef;
import java.time.Instant;
import java.util.Objects;

/**
 * What a platform event says happened, in the handlers' common terms: which resource, what, when,
 * and which event told it. A handler's first step turns the platform's envelope into changes; the
 * rest of the pipeline never sees the envelope.
 *
 * @param resource the resource concerned; null for a sweep
 * @param time when it happened, from the event (never the time of processing, when the event has
 *     one): findings carry it as their observation time
 * @param eventId the envelope's id (EventBridge {@code id}, Event Grid {@code id}, CloudEvent or
 *     Pub/Sub id), for logs and deduplication
 */
public record Change(Kind kind, ResourceRef resource, Instant time, String eventId) {

  /** What happened. */
  public enum Kind {
    /** Created or updated: load (or take from the event) and evaluate. */
    UPSERT,
    /** Deleted: resolve every finding of the resource. */
    DELETE,
    /** An image was pushed: its scan is pending. */
    IMAGE_PUSH,
    /** An image's scan finished or changed: load its results. */
    SCAN_COMPLETE,
    /** A Kubernetes object was admitted or changed (admission, audit log). */
    KUBERNETES_OBJECT,
    /** A scheduled full sweep of the configured scope. */
    SWEEP
  }

  public Change {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(time, "time");
    if (resource == null && kind != Kind.SWEEP) {
      throw new IllegalArgumentException(kind + " needs a resource");
    }
  }
}
