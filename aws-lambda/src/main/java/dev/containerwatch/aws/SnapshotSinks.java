package dev.containerwatch.aws;

import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingSink;
import java.util.List;

/**
 * The sinks the findings of one snapshot go to. The native sink (Security Hub) describes the
 * resource from the snapshot's document, so it is bound to the snapshot; {@code cli replay} gives a
 * collecting sink instead.
 */
@FunctionalInterface
public interface SnapshotSinks {

  /**
   * @param snapshot what was evaluated, or null for a deletion
   */
  List<FindingSink> forSnapshot(Snapshot snapshot);
}
