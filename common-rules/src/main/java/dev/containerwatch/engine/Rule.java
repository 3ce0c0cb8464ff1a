package dev.containerwatch.engine;

import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.List;

/**
 * One recommendation, as code. A rule is stateless: it reads a snapshot of one resource type and
 * says, for each subject, whether the resource meets the recommendation.
 *
 * <p>Most rules judge the resource as a whole; they implement {@link ResourceRule}. Rules that
 * judge several subjects (images, containers) implement {@link #evaluate} directly.
 */
public interface Rule {

  /** The catalog id this rule implements, e.g. {@code aks.rbac}. */
  String id();

  /** The resource type whose snapshots this rule reads. */
  ResourceType resourceType();

  /**
   * The parameters the rule accepts under {@code rules.<id>.parameters}, with their defaults. The
   * configuration loader rejects any other name.
   */
  default List<ParameterSpec> parameters() {
    return List.of();
  }

  /**
   * Why a combination of the rule's parameter values is wrong (a {@code minPort} above {@code
   * maxPort}), or {@code null} when it is fine. The configuration loader calls it once every value
   * has passed its own {@link ParameterSpec} check, and rejects the configuration on a message.
   */
  default String parametersProblem(RuleParameters parameters) {
    return null;
  }

  /**
   * Whether the rule concerns this snapshot at all (a Service for a rule about pods). A rule that
   * does not apply gives no evaluation; one that applies but finds the resource out of its scope
   * (an excluded namespace) answers {@code NOT_APPLICABLE} instead.
   */
  default boolean appliesTo(Snapshot snapshot) {
    return true;
  }

  /**
   * Evaluates one snapshot. Returns at least one verdict. May throw: the engine turns an exception
   * into an {@code UNKNOWN} verdict for this rule alone.
   */
  List<Verdict> evaluate(Snapshot snapshot, RuleParameters parameters);
}
