package dev.containerwatch.kubernetes;

import dev.containerwatch.model.Doc;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The pod a workload runs: a Pod's own metadata and spec, or the pod template of a controller
 * ({@code spec.template}, or {@code spec.jobTemplate.spec.template} for a CronJob).
 *
 * <p>{@link #metadata()} is the pod's metadata: labels and annotations (AppArmor) come from there;
 * {@link #specPath()} says where the spec is in the object, for reasons ({@code
 * spec.template.spec}).
 */
public final class PodTemplate {
  private final Doc metadata;
  private final Doc spec;
  private final String specPath;
  private List<Container> all;

  public PodTemplate(Doc metadata, Doc spec, String specPath) {
    this.metadata = metadata;
    this.spec = spec;
    this.specPath = specPath;
  }

  public Doc metadata() {
    return metadata;
  }

  public Doc spec() {
    return spec;
  }

  public String specPath() {
    return specPath;
  }

  /** The containers of the given lists, in list order then document order. */
  public List<Container> containers(Set<ContainerList> lists) {
    List<Container> out = new ArrayList<>();
    for (Container c : all()) {
      if (lists.contains(c.list())) {
        out.add(c);
      }
    }
    return out;
  }

  private List<Container> all() {
    List<Container> read = all;
    if (read == null) {
      read = new ArrayList<>();
      for (ContainerList list : ContainerList.values()) {
        List<Doc> items = spec.get(list.field()).items();
        for (int i = 0; i < items.size(); i++) {
          Doc c = items.get(i);
          read.add(
              new Container(
                  list,
                  i,
                  c.get("name").text().orElse("#" + i),
                  c.get("image").text().orElse(""),
                  c));
        }
      }
      all = List.copyOf(read);
      read = all;
    }
    return read;
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
