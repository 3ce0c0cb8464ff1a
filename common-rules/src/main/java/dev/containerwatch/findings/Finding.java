package dev.containerwatch.findings;

import dev.containerwatch.catalog.Recommendation;
import dev.containerwatch.engine.Evaluation;
import dev.containerwatch.engine.Status;
import dev.containerwatch.model.ResourceRef;
import java.time.Instant;

/**
 * An evaluation with everything a findings store shows: the recommendation's metadata, a
 * deterministic id, and when it was observed.
 *
 * @param observedAt the triggering event's time (or the read's, without an event); sinks use it as
 *     first/last observed and updated time
 */
public record Finding(
    FindingId id, Evaluation evaluation, Recommendation recommendation, Instant observedAt) {

  /** Builds the finding of an evaluation. */
  public static Finding of(Evaluation e, Recommendation r, Instant observedAt) {
    return new Finding(
        FindingId.of(e.ruleId(), e.resource().canonicalId(), e.subject()), e, r, observedAt);
  }

  public String ruleId() {
    return evaluation.ruleId();
  }

  public Status status() {
    return evaluation.status();
  }

  public ResourceRef resource() {
    return evaluation.resource();
  }

  public String subject() {
    return evaluation.subject();
  }

  public String reason() {
    return evaluation.reason();
  }
}
