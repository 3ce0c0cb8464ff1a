package dev.containerwatch.rules.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Kubernetes clusters should disable automounting API credentials" (Azure Policy definition
 * 423dd1ba-798e-40e4-9c4d-b6902674b423, version 4.*.*, template {@code
 * k8sazurev2blockautomounttoken}).
 *
 * <p>A pod-level check: the pod fails when its {@code spec.automountServiceAccountToken} is true,
 * or when the field is absent. The template itself fails "absent" only when a container or
 * initContainer mounts {@code /var/run/secrets/kubernetes.io/serviceaccount}, but in a cluster the
 * ServiceAccount admission plugin adds that mount before the policy sees the pod unless the pod or
 * its ServiceAccount opts out, and the template does not read the ServiceAccount; so Defender
 * reports every pod without the field, and this rule does the same for the manifests it reads. Only
 * an explicit {@code false} on the pod passes. As for the other pod-level definitions, the pod
 * fails only if it has a container or initContainer that {@code excludedImages} leaves in;
 * ephemeral containers are not counted, as the template reads only those two lists (a pod cannot
 * consist of ephemeral containers alone anyway). There is no {@code excludedContainers} parameter
 * and no Windows skip in this definition.
 *
 * <p>Parameters: {@code excludedImages}, and {@code podSecurityStandards} (default false =
 * Defender). With {@code podSecurityStandards: true} the rule follows Kubernetes itself: when the
 * pod field is absent, the ServiceAccount the pod runs as decides ({@link
 * Evidence#SERVICE_ACCOUNT}); its {@code automountServiceAccountToken: false} passes the pod. When
 * that ServiceAccount was not provided the rule answers as Defender does and says so. A container
 * that mounts a volume at the token path explicitly still fails, as in the template. A pod-level
 * {@code false} always passes and a pod-level {@code true} always fails, since the pod's field
 * overrides the ServiceAccount's. Defender's (MCSB) namespace exclusions by default.
 */
public final class AutomountServiceAccountTokenDisabled extends PodRule {
  static final String TOKEN_PATH = "/var/run/secrets/kubernetes.io/serviceaccount";

  public AutomountServiceAccountTokenDisabled() {
    super(
        "k8s.automount-service-account-token",
        MCSB_EXCLUDED_NAMESPACES,
        NOT_EPHEMERAL,
        false,
        false,
        true);
  }

  @Override
  protected List<ParameterSpec> podParameters() {
    return List.of(
        ParameterSpec.bool(
            "podSecurityStandards",
            false,
            "true: when the pod does not set automountServiceAccountToken, its ServiceAccount's"
                + " setting decides (Kubernetes semantics); false: Defender's policy, which fails"
                + " every pod without automountServiceAccountToken: false"));
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    return verdict(pod, containers, p, Optional.empty());
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object,
      PodTemplate pod,
      List<Container> containers,
      RuleParameters p,
      Snapshot snapshot) {
    return verdict(pod, containers, p, snapshot.evidence(Evidence.SERVICE_ACCOUNT));
  }

  private static Verdict verdict(
      PodTemplate pod,
      List<Container> containers,
      RuleParameters p,
      Optional<JsonNode> serviceAccount) {
    if (containers.isEmpty()) {
      return Verdict.passed("no container to check (none, or all excluded)");
    }
    String field = pod.specPath() + ".automountServiceAccountToken";
    Optional<Boolean> automount = pod.spec().get("automountServiceAccountToken").bool();
    if (automount.isPresent()) {
      return automount.get()
          ? Verdict.failed(field + " is true: the ServiceAccount token is mounted into the pod")
          : Verdict.passed(field + " is false");
    }
    String absent = field + " is absent";
    List<String> mounts = tokenMounts(containers);
    if (!mounts.isEmpty()) {
      return Verdict.failed(absent + " and " + String.join("; ", mounts) + " at " + TOKEN_PATH);
    }
    String defender = absent + ", so the ServiceAccount token is mounted unless the pod opts out";
    if (!p.bool("podSecurityStandards")) {
      return Verdict.failed(defender);
    }
    String name = serviceAccountName(pod);
    if (serviceAccount.isEmpty()) {
      return Verdict.failed(
          defender
              + " (the ServiceAccount '"
              + name
              + "' was not provided, so its setting is unknown)");
    }
    Doc sa = Doc.of(serviceAccount.get());
    if (sa.isAbsent() || sa.node().isEmpty()) {
      return Verdict.failed(
          absent + " and the ServiceAccount '" + name + "' was not found, so nothing opts out");
    }
    String saName = sa.get("metadata.name").text().orElse(name);
    if (!saName.equals(name)) {
      return Verdict.failed(
          defender
              + " (the ServiceAccount provided is '"
              + saName
              + "', not the pod's '"
              + name
              + "', so its setting is not used)");
    }
    Doc saAutomount = sa.get("automountServiceAccountToken");
    if (saAutomount.bool().equals(Optional.of(false))) {
      return Verdict.passed(
          absent + " and ServiceAccount '" + name + "' sets automountServiceAccountToken to false");
    }
    return Verdict.failed(
        absent
            + " and ServiceAccount '"
            + name
            + "' does not opt out (its automountServiceAccountToken is "
            + saAutomount.describe()
            + ")");
  }

  /** The containers that mount a volume at the token path themselves, as reasons name them. */
  private static List<String> tokenMounts(List<Container> containers) {
    List<String> out = new ArrayList<>();
    for (Container c : containers) {
      for (Doc mount : c.doc().get("volumeMounts").items()) {
        if (mount.get("mountPath").text().filter(TOKEN_PATH::equals).isPresent()) {
          out.add(c.label() + " mounts volume '" + mount.get("name").text().orElse("") + "'");
          break;
        }
      }
    }
    return out;
  }

  /** The ServiceAccount the pod runs as: {@code serviceAccountName}, the old alias, or default. */
  private static String serviceAccountName(PodTemplate pod) {
    return pod.spec()
        .get("serviceAccountName")
        .text()
        .filter(s -> !s.isEmpty())
        .or(() -> pod.spec().get("serviceAccount").text().filter(s -> !s.isEmpty()))
        .orElse("default");
  }
}
