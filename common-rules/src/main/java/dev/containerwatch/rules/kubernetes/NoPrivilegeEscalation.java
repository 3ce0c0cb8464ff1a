package dev.containerwatch.rules.kubernetes;

import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import dev.containerwatch.model.Doc;
import java.util.List;
import java.util.Optional;

/**
 * "Container with privilege escalation should be avoided" (Azure Policy definition
 * 1c6e92c9-99f0-4e55-9cf2-0c234dc48f99, version 7.*.* as Defender pins it, template {@code
 * k8sazurev3noprivilegeescalation}).
 *
 * <p>Each container, initContainer and ephemeralContainer fails when any of:
 *
 * <ol>
 *   <li>{@code securityContext.allowPrivilegeEscalation} is true;
 *   <li>it is not false and the container's {@code securityContext.runAsUser} is set and not 0;
 *   <li>it is not false, the container sets no {@code runAsUser}, and the pod's {@code
 *       spec.securityContext.runAsUser} is set and not 0.
 * </ol>
 *
 * <p>So a container with no securityContext and no runAsUser passes, and so does {@code runAsUser:
 * 0} without the field: that is what Defender reports, although the Kubernetes default for {@code
 * allowPrivilegeEscalation} is true. The container's runAsUser wins over the pod's (a pod with
 * runAsUser 200 and a container with runAsUser 0 passes, as in the definition's own sample). The
 * pod-level value is inherited for every kind, since the pods a controller creates carry it. Pods
 * selected for Windows nodes by {@code nodeSelector} are skipped.
 *
 * <p>Parameters: {@code excludedContainers}, {@code excludedImages}, and {@code
 * podSecurityStandards} (default false = Defender). With {@code podSecurityStandards: true} the
 * rule follows the restricted Pod Security Standard instead: every container must set {@code
 * allowPrivilegeEscalation: false} explicitly, whatever its user; and, as the standard exempts
 * them, pods with {@code spec.os.name: windows} are not applicable (the API server forbids the
 * field on them, so they could never comply). The default namespace exclusions are the definition's
 * own, which Defender keeps for this definition.
 */
public final class NoPrivilegeEscalation extends PodRule {

  public NoPrivilegeEscalation() {
    super(
        "k8s.privilege-escalation",
        DEFINITION_EXCLUDED_NAMESPACES,
        ALL_CONTAINERS,
        true,
        true,
        true);
  }

  @Override
  protected List<ParameterSpec> podParameters() {
    return List.of(
        ParameterSpec.bool(
            "podSecurityStandards",
            false,
            "true: allowPrivilegeEscalation must be explicitly false on every container (Pod"
                + " Security Standards, restricted); false: Defender's policy, which only fails an"
                + " explicit true or a non-zero runAsUser without false"));
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    if (p.bool("podSecurityStandards")) {
      if ("windows".equals(pod.spec().get("os.name").text().orElse(null))) {
        return Verdict.notApplicable(
            "the Pod Security Standards exempt Windows pods ("
                + pod.specPath()
                + ".os.name is windows)");
      }
      return perContainer(
          containers,
          c -> {
            Doc ape = c.securityContext().get("allowPrivilegeEscalation");
            return ape.bool().equals(Optional.of(false))
                ? null
                : "securityContext.allowPrivilegeEscalation is "
                    + ape.describe()
                    + ", and podSecurityStandards requires it to be false";
          },
          "every container sets securityContext.allowPrivilegeEscalation to false");
    }
    Doc podRunAsUser = pod.securityContext().get("runAsUser");
    return perContainer(
        containers,
        c -> defenderViolation(c, podRunAsUser, pod.specPath()),
        "no container sets securityContext.allowPrivilegeEscalation to true or leaves it unset"
            + " with a non-zero runAsUser");
  }

  /** What Defender's pinned template finds wrong with the container, or null. */
  private static String defenderViolation(Container c, Doc podRunAsUser, String specPath) {
    Doc ape = c.securityContext().get("allowPrivilegeEscalation");
    Optional<Boolean> value = ape.bool();
    if (value.equals(Optional.of(true))) {
      return "securityContext.allowPrivilegeEscalation is true";
    }
    if (value.equals(Optional.of(false))) {
      return null;
    }
    String notFalse = "securityContext.allowPrivilegeEscalation is " + ape.describe();
    Doc runAsUser = c.securityContext().get("runAsUser");
    if (runAsUser.isPresent()) {
      // The container's own value wins, even 0 over a non-root pod value.
      return isRoot(runAsUser)
          ? null
          : "securityContext.runAsUser is " + runAsUser.describe() + " and " + notFalse;
    }
    if (podRunAsUser.isPresent() && !isRoot(podRunAsUser)) {
      return specPath
          + ".securityContext.runAsUser is "
          + podRunAsUser.describe()
          + " (inherited: the container sets no runAsUser) and "
          + notFalse;
    }
    return null;
  }

  /** The template's {@code runAsUser != 0}, negated: anything but the number 0 is not root. */
  private static boolean isRoot(Doc runAsUser) {
    return runAsUser.node().isNumber() && runAsUser.node().asLong() == 0;
  }
}
