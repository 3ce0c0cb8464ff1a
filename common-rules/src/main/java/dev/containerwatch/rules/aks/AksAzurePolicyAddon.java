package dev.containerwatch.rules.aks;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.ArmResources;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Azure Kubernetes Service clusters should have the Azure Policy add-on for Kubernetes installed":
 * {@code properties.addonProfiles.azurepolicy.enabled} is true. Add-on keys are read
 * case-insensitively ({@code azurepolicy} in ARM, {@code azurePolicy} in some clients).
 *
 * <p>An absent add-on profile means the add-on was never enabled (ARM returns every configured
 * add-on), so it fails. The add-on needs Kubernetes 1.14 or later: a cluster running an older
 * version is {@code NOT_APPLICABLE}. The running version is {@code
 * properties.currentKubernetesVersion}, falling back to {@code properties.kubernetesVersion} (the
 * requested version, which leads the running one during an upgrade); when neither can be read the
 * add-on is judged anyway, since every cluster AKS still runs is far past 1.14.
 */
public final class AksAzurePolicyAddon implements ResourceRule {
  private static final Pattern MAJOR_MINOR = Pattern.compile("^\\s*[vV]?(\\d{1,6})\\.(\\d{1,6})");
  private static final String ADDON = "properties.addonProfiles.azurepolicy";

  @Override
  public String id() {
    return "aks.azure-policy-addon";
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
    Doc version = cluster.get("properties.currentKubernetesVersion");
    if (majorMinor(version).isEmpty()) {
      version = cluster.get("properties.kubernetesVersion");
    }
    Optional<int[]> majorMinor = majorMinor(version);
    // Compared as numbers: "1.9" is older than "1.14", although it sorts after it as text.
    if (majorMinor.isPresent()
        && (majorMinor.get()[0] < 1 || (majorMinor.get()[0] == 1 && majorMinor.get()[1] < 14))) {
      return Verdict.notApplicable(
          version.path()
              + " is "
              + version.text().orElse("")
              + ": the Azure Policy add-on needs Kubernetes 1.14 or later");
    }
    Doc addon = cluster.get(ADDON);
    Doc enabled = cluster.get(ADDON + ".enabled");
    if (enabled.isTrue()) {
      return Verdict.passed(ADDON + ".enabled is true: the Azure Policy add-on is installed");
    }
    if (addon.isAbsent()) {
      return Verdict.failed(ADDON + " is absent: the Azure Policy add-on is not installed");
    }
    if (enabled.isPresent() && enabled.bool().isEmpty()) {
      return Verdict.unknown(enabled.path() + " is " + enabled.describe() + ", not a boolean");
    }
    return Verdict.failed(
        ADDON + ".enabled is " + enabled.describe() + ": the Azure Policy add-on is not installed");
  }

  /** The major and minor numbers of a version such as {@code 1.13.12} or {@code v1.31}. */
  private static Optional<int[]> majorMinor(Doc version) {
    Optional<String> text = version.text();
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = MAJOR_MINOR.matcher(text.get());
    if (!m.find()) {
      return Optional.empty();
    }
    return Optional.of(new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))});
  }
}
