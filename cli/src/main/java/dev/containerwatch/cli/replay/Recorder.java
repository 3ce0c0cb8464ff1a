package dev.containerwatch.cli.replay;

import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingSink;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The collecting sink a replayed handler writes to, next to its native sink: every write (with the
 * snapshot evaluated, when the handler says it) and every deleted resource, in order.
 */
public final class Recorder implements FindingSink {

  /** One write: the findings of one evaluation (or of a batch of them). */
  public record Write(Snapshot snapshot, List<Finding> findings) {}

  /** A resource whose findings the handler resolved because it no longer exists. */
  public record Deletion(ResourceRef resource, List<String> ruleIds, Instant time) {}

  private final List<Write> writes = new ArrayList<>();
  private final List<Deletion> deletions = new ArrayList<>();

  @Override
  public synchronized void write(List<Finding> findings) {
    writes.add(new Write(null, List.copyOf(findings)));
  }

  @Override
  public synchronized void resourceDeleted(
      ResourceRef resource, List<String> ruleIds, Instant time) {
    deletions.add(new Deletion(resource, List.copyOf(ruleIds), time));
  }

  @Override
  public String name() {
    return "replay";
  }

  /** The same recorder, for the findings of one snapshot (the AWS function binds sinks to them). */
  public FindingSink forSnapshot(Snapshot snapshot) {
    return new FindingSink() {
      @Override
      public void write(List<Finding> findings) {
        synchronized (Recorder.this) {
          writes.add(new Write(snapshot, List.copyOf(findings)));
        }
      }

      @Override
      public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {
        Recorder.this.resourceDeleted(resource, ruleIds, time);
      }

      @Override
      public String name() {
        return "replay";
      }
    };
  }

  public synchronized List<Write> writes() {
    return List.copyOf(writes);
  }

  public synchronized List<Deletion> deletions() {
    return List.copyOf(deletions);
  }
}
