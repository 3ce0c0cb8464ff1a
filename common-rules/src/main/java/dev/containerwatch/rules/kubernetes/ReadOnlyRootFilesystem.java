package dev.containerwatch.rules.kubernetes;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import dev.containerwatch.model.Doc;
import java.util.List;

/**
 * "Immutable (read-only) root filesystem should be enforced for containers" (Azure Policy
 * definition df49d893-a74c-421d-bc95-c663042e5b80, version 6.*.*, template {@code
 * k8sazurev3readonlyrootfilesystem}).
 *
 * <p>Each container, initContainer and ephemeralContainer fails unless its {@code
 * securityContext.readOnlyRootFilesystem} is true; a missing field fails. The field exists only on
 * containers: a {@code readOnlyRootFilesystem} written in the pod-level {@code securityContext} is
 * not a Kubernetes field and is not read (the reason points it out, since it is an easy mistake).
 * Pods selected for Windows nodes by {@code nodeSelector} are skipped.
 *
 * <p>Parameters: {@code excludedContainers}, {@code excludedImages}; Defender's (MCSB) namespace
 * exclusions by default.
 */
public final class ReadOnlyRootFilesystem extends PodRule {

  public ReadOnlyRootFilesystem() {
    super(
        "k8s.read-only-root-filesystem",
        MCSB_EXCLUDED_NAMESPACES,
        ALL_CONTAINERS,
        true,
        true,
        true);
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    String podLevelNote =
        pod.securityContext().get("readOnlyRootFilesystem").isPresent()
            ? " ("
                + pod.specPath()
                + ".securityContext.readOnlyRootFilesystem is not read: the"
                + " field exists only on containers)"
            : "";
    Verdict verdict =
        perContainer(
            containers,
            c -> {
              Doc readOnly = c.securityContext().get("readOnlyRootFilesystem");
              return readOnly.isTrue()
                  ? null
                  : "securityContext.readOnlyRootFilesystem is " + readOnly.describe();
            },
            "every container sets securityContext.readOnlyRootFilesystem to true");
    return podLevelNote.isEmpty()
        ? verdict
        : new Verdict(verdict.subject(), verdict.status(), verdict.reason() + podLevelNote);
  }
}
