package dev.containerwatch.rules.gke;

/**
 * "Auto upgrade should be enabled on GKE clusters' node pools": {@code
 * nodePools[].management.autoUpgrade} is true on every node pool.
 *
 * <p>Absent {@code autoUpgrade} or {@code management} is false (proto3); absent {@code nodePools}
 * is {@code UNKNOWN}; Autopilot is {@code NOT_APPLICABLE} (see {@link GkeNodePoolManagementRule}).
 */
public final class GkeAutoUpgrade extends GkeNodePoolManagementRule {

  public GkeAutoUpgrade() {
    super("autoUpgrade", "node auto-upgrade");
  }

  @Override
  public String id() {
    return "gke.auto-upgrade";
  }
}
