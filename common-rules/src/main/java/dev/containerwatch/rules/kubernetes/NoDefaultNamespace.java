package dev.containerwatch.rules.kubernetes;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.model.Snapshot;
import java.util.List;
import java.util.Set;

/**
 * "Kubernetes clusters should not use the default namespace" (Azure Policy 9f061a12, template
 * {@code k8sazurev1blockdefault}, the 4.x version Defender's initiative pins).
 *
 * <p>An object fails when its {@code metadata.namespace} is {@code default} or missing (an object
 * applied without a namespace lands in {@code default}, and the Azure sample without one is a
 * violation). The definition's {@code namespaces} parameter defaults to {@code ["default"]}, so
 * objects elsewhere are out of the match ({@code NOT_APPLICABLE}); with {@code namespaces: []} they
 * are evaluated and pass. {@code excludedNamespaces} keeps the definition's default, as Defender's
 * initiative does not override it for this definition; there are no container or image exclusions.
 *
 * <p>Kinds: the definition matches Pod, Service and ServiceAccount, while the recommendation names
 * ConfigMaps, Pods, Secrets, Services and ServiceAccounts. The rule reads all of them, and the
 * workload controllers (Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job,
 * CronJob) too: their pods are created in the controller's namespace, so a controller in {@code
 * default} stands for the Pods Defender would report.
 *
 * <p>Objects Kubernetes itself puts in every namespace are exempt, as in the template: the
 * ServiceAccount {@code default}, the Service {@code kubernetes}, the ConfigMap {@code
 * kube-root-ca.crt}, and a Secret of type {@code kubernetes.io/service-account-token} whose
 * annotation {@code kubernetes.io/service-account.name} is {@code default}. They are {@code
 * NOT_APPLICABLE} rather than {@code PASSED}: nobody chose to put them there and they cannot be
 * moved, so they say nothing about the cluster's use of the namespace (just as the pod rules answer
 * {@code NOT_APPLICABLE} for a pod their template skips).
 */
public final class NoDefaultNamespace extends DataPlaneRule {
  private static final String DEFAULT = "default";
  private static final Set<String> OTHER_KINDS =
      Set.of("Service", "ServiceAccount", "ConfigMap", "Secret");

  public NoDefaultNamespace() {
    super("k8s.no-default-namespace", DEFINITION_EXCLUDED_NAMESPACES);
  }

  @Override
  protected boolean concerns(KubernetesObject object) {
    return object.runsPods() || OTHER_KINDS.contains(object.kind());
  }

  @Override
  protected List<String> defaultNamespaces() {
    return List.of(DEFAULT);
  }

  @Override
  protected Verdict check(KubernetesObject object, Snapshot snapshot, RuleParameters p) {
    String exemption = exemption(object);
    if (exemption != null) {
      return Verdict.notApplicable(exemption);
    }
    boolean unset = object.doc().get("metadata.namespace").text().orElse("").isEmpty();
    if (unset) {
      return Verdict.failed(
          object.label()
              + " has no metadata.namespace, so it is created in the namespace "
              + DEFAULT);
    }
    String namespace = object.namespace();
    if (namespace.equals(DEFAULT)) {
      return Verdict.failed(
          object.label()
              + " is in the namespace "
              + DEFAULT
              + (object.runsPods() ? ", and so are the pods it runs" : ""));
    }
    return Verdict.passed(object.label() + " is in the namespace " + namespace + ", not default");
  }

  /** Why the object is one Kubernetes creates itself, or null. */
  private static String exemption(KubernetesObject o) {
    String name = o.name();
    switch (o.kind()) {
      case "ServiceAccount":
        return name.equals("default")
            ? "the ServiceAccount default is created by Kubernetes in every namespace (exempt)"
            : null;
      case "Service":
        return name.equals("kubernetes") && o.group().isEmpty()
            ? "the Service kubernetes is the API server's own Service (exempt)"
            : null;
      case "ConfigMap":
        return name.equals("kube-root-ca.crt")
            ? "the ConfigMap kube-root-ca.crt is published by Kubernetes in every namespace"
                + " (exempt)"
            : null;
      case "Secret":
        boolean token =
            o.doc().get("type").text().orElse("").equals("kubernetes.io/service-account-token");
        String account =
            o.annotations().node().path("kubernetes.io/service-account.name").asText(null);
        return token && "default".equals(account)
            ? "the token Secret of the ServiceAccount default is managed by Kubernetes (exempt)"
            : null;
      default:
        return null;
    }
  }
}
