package dev.containerwatch.azure.handlers;

import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingsEvaluator;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.SinkException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The "evaluate, write" half of the Azure handlers, as {@code FindingsPipeline} does it, but for
 * several snapshots at once: an Event Hub batch of audit events or a sweep evaluates many objects
 * and writes them in one call per sink, so that the Defender sink makes one read and one write per
 * cluster and rule instead of one per object.
 *
 * <p>Every sink is tried even when one fails; then a {@link SinkException} names the failed ones,
 * so the invocation fails and the platform retries it (writes are idempotent upserts).
 */
public final class BatchPipeline {
  private final RuleEngine engine;
  private final FindingsEvaluator evaluator;
  private final List<FindingSink> sinks;

  public BatchPipeline(RuleEngine engine, Catalog catalog, List<FindingSink> sinks) {
    this.engine = engine;
    this.evaluator = new FindingsEvaluator(engine, catalog);
    this.sinks = List.copyOf(sinks);
  }

  public RuleEngine engine() {
    return engine;
  }

  public List<FindingSink> sinks() {
    return sinks;
  }

  /** Evaluates the snapshots and writes all their findings; returns them. */
  public List<Finding> processAll(List<Snapshot> snapshots) {
    List<Finding> findings = new ArrayList<>();
    for (Snapshot s : snapshots) {
      findings.addAll(evaluator.evaluate(s));
    }
    if (!findings.isEmpty()) {
      toEverySink(sink -> sink.write(findings));
    }
    return findings;
  }

  public List<Finding> process(Snapshot snapshot) {
    return processAll(List.of(snapshot));
  }

  /** The enabled rules of a type. */
  public List<String> ruleIds(ResourceType type) {
    List<String> ids = new ArrayList<>();
    for (Rule rule : engine.rulesFor(type)) {
      ids.add(rule.id());
    }
    return ids;
  }

  /** Resolves every finding a deleted resource may have. */
  public void deleted(ResourceRef resource, Instant time) {
    List<String> ruleIds = ruleIds(resource.type());
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
