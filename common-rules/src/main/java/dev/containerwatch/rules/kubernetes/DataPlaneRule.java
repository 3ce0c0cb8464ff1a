package dev.containerwatch.rules.kubernetes;

import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.LabelSelector;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;

/**
 * Base of the Kubernetes data-plane rules: what every Azure Policy for Kubernetes definition
 * shares. The constraint's match (kinds, {@code excludedNamespaces}, {@code namespaces}, {@code
 * labelSelector}) decides whether the rule looks at an object at all; an object out of scope gets
 * {@code NOT_APPLICABLE} with the reason, so that an earlier finding on it is resolved.
 */
public abstract class DataPlaneRule implements Rule {
  /**
   * The namespaces Defender's initiative (MCSB) excludes for most data-plane definitions: the
   * system namespaces and Defender's own.
   */
  static final List<String> MCSB_EXCLUDED_NAMESPACES =
      List.of(
          "kube-system",
          "gatekeeper-system",
          "azure-arc",
          "azuredefender",
          "mdc",
          "azure-extensions-usage-system");

  /**
   * The definitions' own default, kept by MCSB for the host-namespace, escalation, HTTPS, ports and
   * host-network definitions.
   */
  static final List<String> DEFINITION_EXCLUDED_NAMESPACES =
      List.of("kube-system", "gatekeeper-system", "azure-arc", "azure-extensions-usage-system");

  private final String id;
  private final List<String> excludedNamespaces;

  protected DataPlaneRule(String id, List<String> excludedNamespaces) {
    this.id = id;
    this.excludedNamespaces = excludedNamespaces;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final ResourceType resourceType() {
    return ResourceType.KUBERNETES_OBJECT;
  }

  /** Whether the rule reads objects of this kind. */
  protected abstract boolean concerns(KubernetesObject object);

  /** The namespaces the rule is limited to by default (empty = all). */
  protected List<String> defaultNamespaces() {
    return List.of();
  }

  /** The rule's own parameters, after the common ones. */
  protected List<ParameterSpec> specificParameters() {
    return List.of();
  }

  /** The verdict on an object in scope. */
  protected abstract Verdict check(KubernetesObject object, Snapshot snapshot, RuleParameters p);

  @Override
  public List<ParameterSpec> parameters() {
    List<ParameterSpec> specs = new ArrayList<>();
    specs.add(
        ParameterSpec.stringList(
            "excludedNamespaces", excludedNamespaces, "namespaces the rule never evaluates"));
    specs.add(
        ParameterSpec.stringList(
            "namespaces", defaultNamespaces(), "the only namespaces evaluated (empty: all)"));
    specs.add(
        ParameterSpec.object(
                "labelSelector",
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(),
                "only objects whose labels match are evaluated")
            .checkedBy(LabelSelector::problemWith));
    specs.addAll(specificParameters());
    return specs;
  }

  @Override
  public boolean appliesTo(Snapshot snapshot) {
    KubernetesObject object = KubernetesObject.of(snapshot);
    return object.isSupported() && concerns(object);
  }

  @Override
  public List<Verdict> evaluate(Snapshot snapshot, RuleParameters p) {
    KubernetesObject object = KubernetesObject.of(snapshot);
    String namespace = object.namespace();
    if (p.stringSet("excludedNamespaces").contains(namespace)) {
      return List.of(
          Verdict.notApplicable("namespace '" + namespace + "' is excluded (excludedNamespaces)"));
    }
    List<String> only = p.strings("namespaces");
    if (!only.isEmpty() && !p.stringSet("namespaces").contains(namespace)) {
      return List.of(
          Verdict.notApplicable(
              "namespace '" + namespace + "' is not among the evaluated namespaces " + only));
    }
    if (!LabelSelector.matches(p.node("labelSelector"), object.labels().node())) {
      return List.of(Verdict.notApplicable("the object's labels do not match labelSelector"));
    }
    return List.of(check(object, snapshot, p));
  }
}
