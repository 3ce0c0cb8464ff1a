package dev.containerwatch.rules.kubernetes;

import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.ContainerList;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Base of the rules on pods: Pods, and the pod templates of Deployments, StatefulSets, DaemonSets,
 * ReplicaSets, ReplicationControllers, Jobs and CronJobs. It picks the container lists the
 * definition reads, applies {@code excludedContainers} (by name) and {@code excludedImages} (exact,
 * or a prefix when the entry ends with {@code *}), and skips pods selected for Windows nodes where
 * the definition does.
 */
public abstract class PodRule extends DataPlaneRule {
  /** containers, initContainers and ephemeralContainers: what most definitions read. */
  static final Set<ContainerList> ALL_CONTAINERS = EnumSet.allOf(ContainerList.class);

  /**
   * containers and initContainers: ephemeral containers cannot set resources or mount host paths.
   */
  static final Set<ContainerList> NOT_EPHEMERAL =
      EnumSet.of(ContainerList.CONTAINERS, ContainerList.INIT_CONTAINERS);

  private final Set<ContainerList> lists;
  private final boolean skipsWindows;
  private final boolean excludesContainers;
  private final boolean excludesImages;

  /**
   * @param lists the container lists the definition reads
   * @param skipsWindows whether pods with {@code nodeSelector kubernetes.io/os: windows} are
   *     skipped
   * @param excludesContainers whether the definition has {@code excludedContainers}
   * @param excludesImages whether the definition has {@code excludedImages}
   */
  protected PodRule(
      String id,
      List<String> excludedNamespaces,
      Set<ContainerList> lists,
      boolean skipsWindows,
      boolean excludesContainers,
      boolean excludesImages) {
    super(id, excludedNamespaces);
    this.lists = lists;
    this.skipsWindows = skipsWindows;
    this.excludesContainers = excludesContainers;
    this.excludesImages = excludesImages;
  }

  /** The verdict on a pod, given its containers that are not excluded. */
  protected abstract Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p);

  /**
   * The verdict on a pod, for the rules that also read the snapshot's evidence parts (the
   * ServiceAccount the pod runs as). By default the snapshot is not read and this is {@link
   * #checkPod(KubernetesObject, PodTemplate, List, RuleParameters)}.
   */
  protected Verdict checkPod(
      KubernetesObject object,
      PodTemplate pod,
      List<Container> containers,
      RuleParameters p,
      Snapshot snapshot) {
    return checkPod(object, pod, containers, p);
  }

  /** The rule's parameters beyond the common and exclusion ones. */
  protected List<ParameterSpec> podParameters() {
    return List.of();
  }

  @Override
  protected final boolean concerns(KubernetesObject object) {
    return object.runsPods();
  }

  @Override
  protected final List<ParameterSpec> specificParameters() {
    List<ParameterSpec> specs = new ArrayList<>();
    if (excludesContainers) {
      specs.add(
          ParameterSpec.stringList(
              "excludedContainers", List.of(), "container names the rule does not check"));
    }
    if (excludesImages) {
      specs.add(
          ParameterSpec.stringList(
              "excludedImages",
              List.of(),
              "images the rule does not check: exact, or a prefix when ending with *"));
    }
    specs.addAll(podParameters());
    return specs;
  }

  @Override
  protected final Verdict check(KubernetesObject object, Snapshot snapshot, RuleParameters p) {
    PodTemplate pod = object.podTemplate().orElseThrow();
    if (skipsWindows && pod.isWindowsSelected()) {
      return Verdict.notApplicable(
          "the pod is scheduled on Windows nodes ("
              + pod.specPath()
              + ".nodeSelector kubernetes.io/os is windows)");
    }
    List<Container> checked = new ArrayList<>();
    for (Container c : pod.containers(lists)) {
      if (!isExcluded(c, p)) {
        checked.add(c);
      }
    }
    return checkPod(object, pod, checked, p, snapshot);
  }

  private boolean isExcluded(Container c, RuleParameters p) {
    if (excludesContainers && p.stringSet("excludedContainers").contains(c.name())) {
      return true;
    }
    if (excludesImages) {
      for (String image : p.strings("excludedImages")) {
        boolean prefix = image.endsWith("*");
        if (prefix
            ? c.image().startsWith(image.substring(0, image.length() - 1))
            : c.image().equals(image)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * The verdict of a per-container check: FAILED naming every offending container and what is at
   * fault, PASSED with {@code passReason} otherwise.
   *
   * @param violation what is wrong with a container, or null when nothing is
   */
  protected static Verdict perContainer(
      List<Container> containers, Function<Container, String> violation, String passReason) {
    if (containers.isEmpty()) {
      return Verdict.passed("no container to check (none, or all excluded)");
    }
    List<String> faults = new ArrayList<>();
    for (Container c : containers) {
      String v = violation.apply(c);
      if (v != null) {
        faults.add(c.label() + ": " + v);
      }
    }
    if (!faults.isEmpty()) {
      return Verdict.failed(String.join("; ", faults));
    }
    return Verdict.passed(passReason + " (" + containers.size() + " container(s) checked)");
  }
}
