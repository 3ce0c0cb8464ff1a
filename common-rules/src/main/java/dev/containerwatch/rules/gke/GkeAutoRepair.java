package dev.containerwatch.rules.gke;

/**
 * "Auto repair should be enabled on GKE clusters' nodes": {@code nodePools[].management.autoRepair}
 * is true on every node pool.
 *
 * <p>Absent {@code autoRepair} or {@code management} is false (proto3); absent {@code nodePools} is
 * {@code UNKNOWN}; Autopilot is {@code NOT_APPLICABLE} (see {@link GkeNodePoolManagementRule}).
 */
public final class GkeAutoRepair extends GkeNodePoolManagementRule {

  public GkeAutoRepair() {
    super("autoRepair", "node auto-repair");
  }

  @Override
  public String id() {
    return "gke.auto-repair";
  }
}
