package dev.containerwatch.findings;

import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.engine.Evaluation;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * The "evaluate" step of every handler: runs the engine on a snapshot and turns each evaluation
 * into a {@link Finding} with the catalog's metadata and the snapshot's observation time.
 */
public final class FindingsEvaluator {
  private final RuleEngine engine;
  private final Catalog catalog;

  public FindingsEvaluator(RuleEngine engine, Catalog catalog) {
    this.engine = engine;
    this.catalog = catalog;
  }

  public List<Finding> evaluate(Snapshot snapshot) {
    List<Finding> out = new ArrayList<>();
    for (Evaluation e : engine.evaluate(snapshot)) {
      out.add(Finding.of(e, catalog.require(e.ruleId()), snapshot.observedAt()));
    }
    return out;
  }
}
