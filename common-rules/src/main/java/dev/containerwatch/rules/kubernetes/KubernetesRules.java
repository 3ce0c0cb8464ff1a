package dev.containerwatch.rules.kubernetes;

import dev.containerwatch.engine.Rule;
import java.util.List;

/** The Kubernetes data-plane rules, with Defender's (Azure Policy for Kubernetes) semantics. */
public final class KubernetesRules {
  private KubernetesRules() {}

  public static List<Rule> all() {
    return List.of(
        new NoPrivilegedContainers(),
        new ContainerResourceLimits(),
        new TrustedRegistries(),
        new AllowedServicePorts(),
        new HttpsOnly());
  }
}
