package dev.containerwatch.rules.gke;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.Optional;

/**
 * "Control Plane Authorized Networks should be enabled on GKE clusters": {@code
 * masterAuthorizedNetworksConfig.enabled} is true, or its newer equivalent {@code
 * controlPlaneEndpointsConfig.ipEndpointsConfig.authorizedNetworksConfig.enabled} is true.
 *
 * <p>Both surfaces are read because newer clusters may carry the setting only under {@code
 * controlPlaneEndpointsConfig}. A cluster whose IP endpoints are turned off ({@code
 * controlPlaneEndpointsConfig.ipEndpointsConfig.enabled} explicitly false; the field is a proto3
 * {@code optional}, so false is written) is reached only through its DNS endpoint, which IAM
 * guards; there is no IP endpoint left to restrict, so it passes. An absent {@code enabled} is
 * false (proto3 JSON omits false), so {@code masterAuthorizedNetworksConfig: {}} fails. The failure
 * reason mentions {@code gcpPublicCidrsAccessEnabled} when it is true: Google Cloud's public ranges
 * may reach the control plane as well. Autopilot clusters are evaluated like Standard ones: the
 * setting is the user's.
 */
public final class GkeMasterAuthorizedNetworks implements ResourceRule {
  private static final String LEGACY = "masterAuthorizedNetworksConfig";
  private static final String IP_ENDPOINTS = "controlPlaneEndpointsConfig.ipEndpointsConfig";
  private static final String NEWER = IP_ENDPOINTS + ".authorizedNetworksConfig";

  @Override
  public String id() {
    return "gke.master-authorized-networks";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.GKE_CLUSTER;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Doc cluster = GkeClusters.of(snapshot);
    Doc legacy = cluster.get(LEGACY);
    Doc newer = cluster.get(NEWER);
    if (legacy.get("enabled").isTrue()) {
      return Verdict.passed(LEGACY + ".enabled is true" + blocks(legacy));
    }
    if (newer.get("enabled").isTrue()) {
      return Verdict.passed(NEWER + ".enabled is true" + blocks(newer));
    }
    if (cluster.get(IP_ENDPOINTS + ".enabled").bool().equals(Optional.of(false))) {
      return Verdict.passed(
          IP_ENDPOINTS
              + ".enabled is false: the control plane has no IP endpoint and is reached only"
              + " through its DNS endpoint, which IAM authorizes");
    }
    String reason =
        LEGACY
            + ".enabled is "
            + GkeClusters.flag(legacy.get("enabled"))
            + " and "
            + NEWER
            + ".enabled is "
            + GkeClusters.flag(newer.get("enabled"))
            + ": any address that can reach the control plane's IP endpoints may connect";
    if (legacy.get("gcpPublicCidrsAccessEnabled").isTrue()
        || newer.get("gcpPublicCidrsAccessEnabled").isTrue()) {
      reason +=
          " (gcpPublicCidrsAccessEnabled is true: Google Cloud public IP ranges are allowed too)";
    }
    return Verdict.failed(reason);
  }

  private static String blocks(Doc config) {
    int count = config.get("cidrBlocks").items().size();
    String out = " (" + count + " authorized CIDR block" + (count == 1 ? "" : "s");
    if (config.get("gcpPublicCidrsAccessEnabled").isTrue()) {
      out += ", plus Google Cloud public IP ranges";
    }
    return out + ")";
  }
}
