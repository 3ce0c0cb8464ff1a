package dev.containerwatch.gcp.sinks;

import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingSink;

/**
 * A sink that writes more than a finding carries when it also sees the evaluated snapshot (Security
 * Command Center's {@code vulnerability.cve} block needs the image's report). The handler binds it
 * to each snapshot before writing.
 */
public interface SnapshotBoundSink extends FindingSink {

  /** The same sink, writing the findings of {@code snapshot}. */
  FindingSink bind(Snapshot snapshot);
}
