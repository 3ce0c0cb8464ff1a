package dev.containerwatch.pipeline;

import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingsEvaluator;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.Snapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The "evaluate, write" half of every handler: evaluates snapshots and writes their findings to
 * every sink, or resolves a deleted resource's findings in every sink.
 *
 * <p>Every sink is tried even when one fails; then, if any failed, a {@link SinkException} names
 * them, so the invocation fails and the platform retries it. Since writes are idempotent upserts,
 * the retry rewrites the same findings in the sinks that had already taken them.
 *
 * <p>A sink that needs the evaluated snapshot is bound to it first ({@link
 * FindingSink#forSnapshot}).
 *
 * <pre>{@code
 * FindingsPipeline pipeline = new FindingsPipeline(engine, Catalog.bundled(), List.of(securityHub, webhook));
 * pipeline.process(snapshot);
 * }</pre>
 */
public final class FindingsPipeline {
  private final RuleEngine engine;
  private final FindingsEvaluator evaluator;
  private final List<FindingSink> sinks;

  public FindingsPipeline(RuleEngine engine, Catalog catalog, List<FindingSink> sinks) {
    this.engine = engine;
    this.evaluator = new FindingsEvaluator(engine, catalog);
    this.sinks = List.copyOf(sinks);
  }

  public RuleEngine engine() {
    return engine;
  }

  /** The sinks, in the order they are written. */
  public List<FindingSink> sinks() {
    return sinks;
  }

  /** Evaluates a snapshot and writes its findings; returns them. */
  public List<Finding> process(Snapshot snapshot) {
    return processAll(List.of(snapshot));
  }

  /**
   * Evaluates several snapshots (a batch of audit events, a sweep) and writes all their findings in
   * one call per sink, so that a sink that groups its writes (one read and one write per cluster
   * and rule) groups them across the batch. A sink bound to each snapshot ({@link
   * FindingSink#forSnapshot}) gets one call per snapshot that has findings. Returns the findings,
   * in the order of the snapshots.
   */
  public List<Finding> processAll(List<Snapshot> snapshots) {
    List<List<Finding>> each = new ArrayList<>();
    List<Finding> all = new ArrayList<>();
    for (Snapshot snapshot : snapshots) {
      List<Finding> findings = evaluator.evaluate(snapshot);
      each.add(findings);
      all.addAll(findings);
    }
    if (!all.isEmpty()) {
      toEverySink(sink -> write(sink, snapshots, each, all));
    }
    return all;
  }

  private static void write(
      FindingSink sink, List<Snapshot> snapshots, List<List<Finding>> each, List<Finding> all) {
    List<FindingSink> bound = new ArrayList<>();
    boolean unbound = true;
    for (Snapshot snapshot : snapshots) {
      FindingSink b = sink.forSnapshot(snapshot);
      bound.add(b);
      unbound &= b == sink;
    }
    if (unbound) {
      sink.write(all);
      return;
    }
    for (int i = 0; i < snapshots.size(); i++) {
      if (!each.get(i).isEmpty()) {
        bound.get(i).write(each.get(i));
      }
    }
  }

  /** Resolves every finding a deleted resource may have. */
  public void deleted(ResourceRef resource, Instant time) {
    List<String> ruleIds = engine.ruleIdsFor(resource.type());
    if (!ruleIds.isEmpty()) {
      toEverySink(sink -> sink.resourceDeleted(resource, ruleIds, time));
    }
  }

  private void toEverySink(Consumer<FindingSink> write) {
    List<String> failed = new ArrayList<>();
    SinkException first = null;
    for (FindingSink sink : sinks) {
      try {
        write.accept(sink);
      } catch (SinkException e) {
        failed.add(sink.name() + ": " + e.getMessage());
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw new SinkException("writing findings failed in " + String.join("; ", failed), first);
    }
  }
}
