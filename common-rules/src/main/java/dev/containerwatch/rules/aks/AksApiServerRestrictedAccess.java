package dev.containerwatch.rules.aks;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.ArmResources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Kubernetes API servers should be configured with restricted access": the cluster is private
 * ({@code properties.apiServerAccessProfile.enablePrivateCluster} true) or its public endpoint
 * accepts only {@code properties.apiServerAccessProfile.authorizedIPRanges} (spelled {@code
 * authorizedIpRanges} by the az CLI; names are read case-insensitively).
 *
 * <p>An absent {@code apiServerAccessProfile} or absent ranges mean a public endpoint open to every
 * address (ARM returns the whole resource), so the rule fails. {@code enableVnetIntegration} only
 * moves the API server into the cluster's virtual network; without a private cluster or ranges the
 * endpoint stays public, so it does not count.
 *
 * <p>Deliberately stricter than Defender for Cloud, which accepts any non-empty list: a range with
 * prefix length 0 ({@code 0.0.0.0/0}, {@code ::/0}) admits every address and so restricts nothing;
 * a list containing one fails.
 */
public final class AksApiServerRestrictedAccess implements ResourceRule {
  private static final String PROFILE = "properties.apiServerAccessProfile";
  private static final String PRIVATE = PROFILE + ".enablePrivateCluster";
  private static final String RANGES = PROFILE + ".authorizedIPRanges";

  @Override
  public String id() {
    return "aks.api-server-restricted-access";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.AKS_CLUSTER;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Optional<Doc> found = ArmResources.withProperties(snapshot);
    if (found.isEmpty()) {
      return ArmResources.withoutProperties("cluster");
    }
    Doc cluster = found.get();
    if (cluster.get(PROFILE).isAbsent()) {
      return Verdict.failed(
          PROFILE + " is absent: the API server has a public endpoint open to every address");
    }
    if (cluster.get(PRIVATE).isTrue()) {
      return Verdict.passed(PRIVATE + " is true: the API server has no public endpoint");
    }
    List<String> ranges = cluster.get(RANGES).texts();
    List<String> everyAddress = new ArrayList<>();
    for (String range : ranges) {
      if (range.trim().endsWith("/0")) {
        everyAddress.add(range.trim());
      }
    }
    String notPrivate = PRIVATE + " is " + cluster.get(PRIVATE).describe();
    if (!everyAddress.isEmpty()) {
      return Verdict.failed(
          RANGES
              + " includes "
              + String.join(", ", everyAddress)
              + ", which admits every address, and "
              + notPrivate
              + ": the API server is open to the internet");
    }
    if (!ranges.isEmpty()) {
      return Verdict.passed(
          RANGES + " limits the public API server to " + String.join(", ", ranges));
    }
    String reason =
        RANGES
            + " is "
            + (cluster.get(RANGES).isAbsent() ? "absent" : "empty")
            + " and "
            + notPrivate
            + ": the API server is open to the internet";
    if (cluster.get(PROFILE + ".enableVnetIntegration").isTrue()) {
      reason += " (enableVnetIntegration is true, but it does not restrict the public endpoint)";
    }
    return Verdict.failed(reason);
  }
}
