package dev.containerwatch.rules.kubernetes;

import dev.containerwatch.engine.Rule;
import java.util.List;

/** The Kubernetes data-plane rules, with Defender's (Azure Policy for Kubernetes) semantics. */
public final class KubernetesRules {
  private KubernetesRules() {}

  public static List<Rule> all() {
    return List.of(
        new ContainerResourceLimits(),
        new TrustedRegistries(),
        new HostNamespacesNotShared(),
        new AllowedAppArmorProfiles(),
        new NoPrivilegeEscalation(),
        new ReadOnlyRootFilesystem(),
        new HttpsOnly(),
        new AutomountServiceAccountTokenDisabled(),
        new NoSysAdminCapability(),
        new NoDefaultNamespace(),
        new LeastPrivilegedCapabilities(),
        new NoPrivilegedContainers(),
        new RunAsNonRoot(),
        new AllowedServicePorts(),
        new HostNetworkAndPortsRestricted(),
        new HostPathVolumesRestricted());
  }
}
