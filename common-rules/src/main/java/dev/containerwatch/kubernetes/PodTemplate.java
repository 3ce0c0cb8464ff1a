package dev.containerwatch.kubernetes;

import dev.containerwatch.model.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The pod a workload runs: a Pod's own metadata and spec, or the pod template of a controller
 * ({@code spec.template}, or {@code spec.jobTemplate.spec.template} for a CronJob).
 *
 * @param metadata the pod's metadata: labels and annotations (AppArmor) come from here
 * @param spec the pod spec
 * @param specPath where the spec is in the object, for reasons ({@code spec.template.spec})
 */
public record PodTemplate(Doc metadata, Doc spec, String specPath) {

  /** The containers of the given lists, in list order then document order. */
  public List<Container> containers(Set<ContainerList> lists) {
    List<Container> out = new ArrayList<>();
    for (ContainerList list : ContainerList.values()) {
      if (!lists.contains(list)) {
        continue;
      }
      List<Doc> items = spec.get(list.field()).items();
      for (int i = 0; i < items.size(); i++) {
        Doc c = items.get(i);
        out.add(
            new Container(
                list,
                i,
                c.get("name").text().orElse("#" + i),
                c.get("image").text().orElse(""),
                c));
      }
    }
    return out;
  }

  /** The pod-level {@code securityContext}. */
  public Doc securityContext() {
    return spec.get("securityContext");
  }

  /** An annotation of the pod, or null. */
  public String annotation(String name) {
    return metadata.get("annotations").node().path(name).isTextual()
        ? metadata.get("annotations").node().get(name).textValue()
        : null;
  }

  /**
   * True when the pod is scheduled on Windows nodes through {@code
   * nodeSelector["kubernetes.io/os"]}; the Azure Policy templates skip such pods (and only those:
   * {@code spec.os.name} is not read).
   */
  public boolean isWindowsSelected() {
    return "windows".equals(spec.get("nodeSelector").node().path("kubernetes.io/os").asText(null));
  }
}
