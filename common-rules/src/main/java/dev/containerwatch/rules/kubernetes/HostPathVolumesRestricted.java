package dev.containerwatch.rules.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import dev.containerwatch.model.Doc;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * "Usage of pod HostPath volume mounts should be restricted to a known list to restrict node access
 * from compromised containers" (Azure Policy 098fc59e, "Kubernetes cluster pod hostPath volumes
 * should only use allowed host paths", template {@code k8sazurev3hostfilesystem}, the 6.x version
 * Defender's initiative pins).
 *
 * <p>Only {@code hostPath} volumes that a container or initContainer mounts count: ephemeral
 * containers are not read, nor are volumes nobody mounts, and {@code excludedContainers} / {@code
 * excludedImages} only decide whose mounts count (an excluded container's mount does not make a
 * volume count, nor does it need to be read-only). A counted volume passes when some entry of
 * {@code allowedHostPaths.paths} has a {@code pathPrefix} covering its {@code hostPath.path} by
 * whole path segments ({@code /foo} covers {@code /foo}, {@code /foo/} and {@code /foo/bar} but not
 * {@code /fool}; {@code /} covers everything) and either lacks {@code readOnly: true} or every
 * counted mount of the volume sets {@code readOnly: true}. Defender's default {@code {paths: []}}
 * fails every mounted hostPath. Pods selected for Windows nodes are skipped.
 *
 * <p>The parameter is checked when the configuration loads: an object with a {@code paths} list
 * whose entries have a {@code pathPrefix} string starting with {@code /} and, optionally, a boolean
 * {@code readOnly}; other keys are rejected, so that a misspelt {@code readonly} cannot silently
 * allow writable mounts.
 */
public final class HostPathVolumesRestricted extends PodRule {
  private static final Set<String> ENTRY_KEYS = Set.of("pathPrefix", "readOnly");

  public HostPathVolumesRestricted() {
    super("k8s.host-path-volumes", MCSB_EXCLUDED_NAMESPACES, NOT_EPHEMERAL, true, true, true);
  }

  @Override
  protected List<ParameterSpec> podParameters() {
    ObjectNode none = JsonNodeFactory.instance.objectNode();
    none.putArray("paths");
    return List.of(
        ParameterSpec.object(
                "allowedHostPaths",
                none,
                "{paths: [{pathPrefix, readOnly}]}: the host paths pods may mount (empty: none)")
            .checkedBy(HostPathVolumesRestricted::allowedHostPathsProblem));
  }

  static String allowedHostPathsProblem(JsonNode value) {
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      if (!field.getKey().equals("paths")) {
        return "unknown key '" + field.getKey() + "' (allowedHostPaths has only paths)";
      }
    }
    JsonNode paths = value.path("paths");
    if (!paths.isArray()) {
      return "paths must be a list of {pathPrefix, readOnly} entries";
    }
    for (int i = 0; i < paths.size(); i++) {
      JsonNode entry = paths.get(i);
      String where = "paths[" + i + "]";
      if (!entry.isObject()) {
        return where + " must be a mapping with pathPrefix and readOnly";
      }
      for (Map.Entry<String, JsonNode> field : entry.properties()) {
        if (!ENTRY_KEYS.contains(field.getKey())) {
          return where + ": unknown key '" + field.getKey() + "' (known: pathPrefix, readOnly)";
        }
      }
      JsonNode prefix = entry.path("pathPrefix");
      if (!prefix.isTextual() || !prefix.textValue().startsWith("/")) {
        return where + ".pathPrefix must be an absolute path starting with /";
      }
      if (entry.has("readOnly") && !entry.get("readOnly").isBoolean()) {
        return where + ".readOnly must be true or false";
      }
    }
    return null;
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    List<Doc> allowed = Doc.of(p.node("allowedHostPaths")).get("paths").items();
    List<Doc> volumes = pod.spec().get("volumes").items();
    List<String> faults = new ArrayList<>();
    List<String> fine = new ArrayList<>();
    List<String> unmounted = new ArrayList<>();
    for (int i = 0; i < volumes.size(); i++) {
      Doc volume = volumes.get(i);
      if (volume.get("hostPath").isAbsent()) {
        continue;
      }
      String name = volume.get("name").text().orElse("");
      String path = volume.get("hostPath.path").text().orElse("");
      String label = pod.specPath() + ".volumes[" + i + "] '" + name + "' (hostPath " + path;
      List<String> mounts = new ArrayList<>();
      List<String> writable = new ArrayList<>();
      for (Container c : containers) {
        for (Doc mount : c.doc().get("volumeMounts").items()) {
          if (!name.equals(mount.get("name").text().orElse(null))) {
            continue;
          }
          String at = c.label() + " at " + mount.get("mountPath").text().orElse("?");
          mounts.add(at);
          if (!mount.get("readOnly").isTrue()) {
            writable.add(at);
          }
        }
      }
      if (mounts.isEmpty()) {
        unmounted.add("'" + name + "'");
        continue;
      }
      label += ", mounted by " + String.join(", ", mounts) + ")";
      String readOnlyPrefix = null;
      String allowedBy = null;
      for (Doc entry : allowed) {
        String prefix = entry.get("pathPrefix").text().orElse("");
        if (!pathMatches(prefix, path)) {
          continue;
        }
        if (!entry.get("readOnly").isTrue()) {
          allowedBy = "under pathPrefix " + prefix;
          break;
        }
        if (writable.isEmpty()) {
          allowedBy = "under read-only pathPrefix " + prefix + " and mounted read-only";
          break;
        }
        readOnlyPrefix = prefix;
      }
      if (allowedBy != null) {
        fine.add("'" + name + "' " + allowedBy);
      } else if (readOnlyPrefix != null) {
        faults.add(
            label
                + ": pathPrefix "
                + readOnlyPrefix
                + " requires readOnly: true, but "
                + String.join(", ", writable)
                + " mounts it without readOnly: true");
      } else {
        faults.add(
            label
                + ": no allowedHostPaths pathPrefix covers "
                + path
                + (allowed.isEmpty()
                    ? " (allowedHostPaths.paths is empty: no host path is allowed)"
                    : ""));
      }
    }
    if (!faults.isEmpty()) {
      return Verdict.failed(String.join("; ", faults));
    }
    String unmountedNote =
        unmounted.isEmpty()
            ? ""
            : "; hostPath volume(s) "
                + String.join(", ", unmounted)
                + " not mounted by any checked container";
    if (fine.isEmpty()) {
      return Verdict.passed(
          "no checked container mounts a hostPath volume ("
              + containers.size()
              + " container(s) checked)"
              + unmountedNote);
    }
    return Verdict.passed(
        "every mounted hostPath volume is allowed: " + String.join(", ", fine) + unmountedNote);
  }

  /**
   * Whether {@code prefix} covers {@code path} by whole segments, as the template compares them:
   * both are trimmed of leading and trailing slashes and split on {@code /}, and {@code /} alone is
   * the empty list, which covers every path.
   */
  static boolean pathMatches(String prefix, String path) {
    List<String> a = segments(prefix);
    List<String> b = segments(path);
    return a.size() <= b.size() && a.equals(b.subList(0, a.size()));
  }

  private static List<String> segments(String p) {
    if (p.equals("/")) {
      return List.of();
    }
    int start = 0;
    int end = p.length();
    while (start < end && p.charAt(start) == '/') {
      start++;
    }
    while (end > start && p.charAt(end - 1) == '/') {
      end--;
    }
    // As Rego's split: "" gives one empty segment, "a//b" keeps the empty one between.
    return Arrays.asList(p.substring(start, end).split("/", -1));
  }
}
