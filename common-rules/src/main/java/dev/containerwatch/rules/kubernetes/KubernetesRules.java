package dev.containerwatch.rules.kubernetes;

import dev.containerwatch.engine.Rule;
import java.util.List;

/** The Kubernetes data-plane rules, with Defender's (Azure Policy for Kubernetes) semantics. */
public final class KubernetesRules {
  private KubernetesRules() {}

  public static List<Rule> all() {
    return List.of(
        new NoPrivilegedContainers(),
        new NoPrivilegeEscalation(),
        new ReadOnlyRootFilesystem(),
        new AutomountServiceAccountTokenDisabled(),
        new AllowedAppArmorProfiles(),
        new HostNamespacesNotShared(),
        new HostNetworkAndPortsRestricted(),
        new HostPathVolumesRestricted(),
        new NoDefaultNamespace(),
        new NoSysAdminCapability(),
        new LeastPrivilegedCapabilities(),
        new RunAsNonRoot());
  }
}
