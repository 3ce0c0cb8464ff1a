package dev.containerwatch.rules.kubernetes;

import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import java.util.ArrayList;
import java.util.List;

/**
 * "Containers sharing sensitive host namespaces should be avoided" (Azure Policy 47a1ee2f,
 * "Kubernetes cluster containers should not share host namespaces", template {@code
 * k8sazurev2blockhostnamespace}, the 5.x version Defender's initiative pins).
 *
 * <p>A pod fails when {@code spec.hostPID} or {@code spec.hostIPC} is true. These are pod-level
 * fields, but the template only raises the violation when the pod has at least one container
 * (container, initContainer or ephemeralContainer) that {@code excludedImages} does not exempt, so
 * a pod whose containers are all exempted passes. Pods selected for Windows nodes through {@code
 * nodeSelector kubernetes.io/os: windows} are skipped. {@code hostNetwork} is not read by this
 * version: the host networking rule ({@code k8s.host-network-ports}) covers it.
 *
 * <p>Parameters: the common match ones (the definition's own {@code excludedNamespaces}, which MCSB
 * keeps), {@code excludedImages} (the definition has no {@code excludedContainers}), and {@code
 * podSecurityStandards} (default false = Defender). With {@code podSecurityStandards: true} the
 * rule follows the Pod Security Standards baseline "host namespaces" control instead, which also
 * forbids {@code spec.hostNetwork: true} (as the newer 6.0.0 definition does); the Windows skip and
 * the image exclusions stay, since they belong to the Azure assignment rather than to the check.
 */
public final class HostNamespacesNotShared extends PodRule {

  public HostNamespacesNotShared() {
    super("k8s.host-namespaces", DEFINITION_EXCLUDED_NAMESPACES, ALL_CONTAINERS, true, false, true);
  }

  @Override
  protected List<ParameterSpec> podParameters() {
    return List.of(
        ParameterSpec.bool(
            "podSecurityStandards",
            false,
            "true: also fail on spec.hostNetwork, as the Pod Security Standards baseline does"));
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    boolean pss = p.bool("podSecurityStandards");
    List<String> fields =
        pss ? List.of("hostNetwork", "hostPID", "hostIPC") : List.of("hostPID", "hostIPC");
    if (containers.isEmpty()) {
      // The template's violation is per pod but needs a container it does not exempt.
      return Verdict.passed(
          "no container to check (none, or all excluded by excludedImages), so "
              + String.join(" and ", fields)
              + " are not checked");
    }
    List<String> faults = new ArrayList<>();
    for (String field : fields) {
      if (pod.spec().get(field).isTrue()) {
        faults.add(pod.specPath() + "." + field + " is true");
      }
    }
    if (!faults.isEmpty()) {
      return Verdict.failed(String.join("; ", faults));
    }
    String checked = pod.specPath() + "." + String.join(", " + pod.specPath() + ".", fields);
    return Verdict.passed(
        checked
            + " are not true"
            + (pss
                ? ""
                : " (hostNetwork is left to the host networking rule; set podSecurityStandards to"
                    + " check it here)"));
  }
}
