package dev.containerwatch.rules.kubernetes;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import java.util.List;

/**
 * "Privileged containers should be avoided" (Azure Policy 95edb821, template {@code
 * k8sazurev2noprivilege}): no container, initContainer or ephemeralContainer sets {@code
 * securityContext.privileged} to true. Pods selected for Windows nodes are skipped.
 */
public final class NoPrivilegedContainers extends PodRule {

  public NoPrivilegedContainers() {
    super(
        "k8s.no-privileged-containers", MCSB_EXCLUDED_NAMESPACES, ALL_CONTAINERS, true, true, true);
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    return perContainer(
        containers,
        c ->
            c.securityContext().get("privileged").isTrue()
                ? "securityContext.privileged is true"
                : null,
        "no container sets securityContext.privileged");
  }
}
