package dev.containerwatch.pipeline;

import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import java.time.Instant;
import java.util.List;

/**
 * Where findings go: a cloud's findings store or a webhook. Writes are idempotent upserts keyed by
 * the findings' deterministic ids. A sink retries throttling and server errors itself, with bounded
 * backoff; a write that still fails throws {@link SinkException}, which fails the invocation so
 * that the platform retries the event.
 */
public interface FindingSink {

  /** Writes the findings of one evaluation (any statuses; the sink maps or skips them). */
  void write(List<Finding> findings);

  /**
   * Resolves the findings of a resource that no longer exists (archive, mark inactive, delete).
   *
   * @param ruleIds the rules whose findings the resource may have (every enabled rule of its type);
   *     with the resource they give the findings' ids
   */
  void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time);

  /** A short name for logs: {@code security-hub}, {@code webhook}. */
  String name();
}
