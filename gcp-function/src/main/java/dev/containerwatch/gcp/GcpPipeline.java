package dev.containerwatch.gcp;

import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.gcp.sinks.SnapshotBoundSink;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.FindingsPipeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared {@link FindingsPipeline}, with the sinks that need the snapshot (Security Command
 * Center's vulnerability block) bound to each one.
 */
public final class GcpPipeline {
  private final RuleEngine engine;
  private final Catalog catalog;
  private final List<FindingSink> sinks;
  private final FindingsPipeline unbound;

  public GcpPipeline(RuleEngine engine, Catalog catalog, List<FindingSink> sinks) {
    this.engine = engine;
    this.catalog = catalog;
    this.sinks = List.copyOf(sinks);
    this.unbound = new FindingsPipeline(engine, catalog, this.sinks);
  }

  public RuleEngine engine() {
    return engine;
  }

  public List<FindingSink> sinks() {
    return sinks;
  }

  /** Evaluates a snapshot and writes its findings to every sink; returns them. */
  public List<Finding> process(Snapshot snapshot) {
    List<FindingSink> bound = new ArrayList<>();
    for (FindingSink s : sinks) {
      bound.add(s instanceof SnapshotBoundSink ? ((SnapshotBoundSink) s).bind(snapshot) : s);
    }
    return new FindingsPipeline(engine, catalog, bound).process(snapshot);
  }

  /** Resolves every finding a deleted resource may have, in every sink. */
  public void deleted(ResourceRef resource, Instant time) {
    unbound.deleted(resource, time);
  }
}
