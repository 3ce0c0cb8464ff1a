package dev.containerwatch.pipeline;

import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.engine.Rule;
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
 * The "evaluate, write" half of every handler: evaluates a snapshot and writes its findings to
 * every sink, or resolves a deleted resource's findings in every sink.
 *
 * <p>Every sink is tried even when one fails; then, if any failed, a {@link SinkException} names
 * them, so the invocation fails and the platform retries it. Since writes are idempotent upserts,
 * the retry rewrites the same findings in the sinks that had already taken them.
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

  /** Evaluates a snapshot and writes its findings; returns them. */
  public List<Finding> process(Snapshot snapshot) {
    List<Finding> findings = evaluator.evaluate(snapshot);
    if (!findings.isEmpty()) {
      toEverySink(sink -> sink.write(findings));
    }
    return findings;
  }

  /** Resolves every finding a deleted resource may have. */
  public void deleted(ResourceRef resource, Instant time) {
    List<String> ruleIds = new ArrayList<>();
    for (Rule rule : engine.rulesFor(resource.type())) {
      ruleIds.add(rule.id());
    }
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
