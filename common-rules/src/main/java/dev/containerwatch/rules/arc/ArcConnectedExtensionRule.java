package dev.containerwatch.rules.arc;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.Objects;

/**
 * A rule on a cluster in another cloud (EKS, GKE) that Defender reaches through Azure Arc: the
 * cluster must be connected to Arc and carry one cluster extension, provisioned successfully.
 *
 * <p>Reads only the {@link Evidence#ARC_CONNECTION} part; the cluster's own document cannot say
 * whether it is connected. See {@link ArcExtensions#connectedWith} for the verdicts: the part not
 * provided is {@code UNKNOWN}; {@code connectedCluster: null}, an {@code Offline} or {@code
 * Expired} connection, or the extension missing or not {@code Succeeded} is {@code FAILED}.
 *
 * <p>The subclasses differ only in catalog id, resource type and extension type; each stays a named
 * class so the registries and the catalog read one class per recommendation.
 */
public abstract class ArcConnectedExtensionRule implements ResourceRule {
  private final String id;
  private final ResourceType resourceType;
  private final String extensionType;

  protected ArcConnectedExtensionRule(String id, ResourceType resourceType, String extensionType) {
    this.id = Objects.requireNonNull(id, "id");
    this.resourceType = Objects.requireNonNull(resourceType, "resourceType");
    this.extensionType = Objects.requireNonNull(extensionType, "extensionType");
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final ResourceType resourceType() {
    return resourceType;
  }

  /** The {@code properties.extensionType} the connected cluster must have installed. */
  public final String extensionType() {
    return extensionType;
  }

  @Override
  public final Verdict check(Snapshot snapshot, RuleParameters parameters) {
    return ArcExtensions.connectedWith(snapshot, extensionType);
  }
}
