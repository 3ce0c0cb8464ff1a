package dev.containerwatch.engine;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.model.Snapshot;
import java.util.List;

/** A rule that gives one verdict about the resource as a whole. */
public interface ResourceRule extends Rule {

  /** The verdict on this snapshot. */
  Verdict check(Snapshot snapshot, RuleParameters parameters);

  @Override
  default List<Verdict> evaluate(Snapshot snapshot, RuleParameters parameters) {
    return List.of(check(snapshot, parameters));
  }
}
