package dev.containerwatch.pipeline;

import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.Snapshot;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;

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

  /**
   * The sink that writes the findings of {@code snapshot}. A sink that writes more than a finding
   * carries (the resource's details from its document, an image's vulnerabilities from its report)
   * returns one bound to the snapshot; the others return themselves. {@link FindingsPipeline} binds
   * every sink to the snapshot it evaluated before writing.
   */
  default FindingSink forSnapshot(Snapshot snapshot) {
    return this;
  }

  /**
   * The same sink (same deletions, same name), writing with {@code write}: what a sink that binds
   * snapshots returns from {@link #forSnapshot}.
   */
  static FindingSink bound(FindingSink sink, Consumer<List<Finding>> write) {
    return new FindingSink() {
      @Override
      public void write(List<Finding> findings) {
        write.accept(findings);
      }

      @Override
      public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {
        sink.resourceDeleted(resource, ruleIds, time);
      }

      @Override
      public String name() {
        return sink.name();
      }
    };
  }
}
