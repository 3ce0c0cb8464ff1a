package dev.containerwatch.rules.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.ContainerList;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import dev.containerwatch.model.Doc;
import java.util.ArrayList;
import java.util.List;

/**
 * "Usage of host networking and ports should be restricted" (Azure Policy 82985f06, "Kubernetes
 * cluster pods should only use approved host network and port range", template {@code
 * k8sazurev3hostnetworkingports}, the 6.x version Defender's initiative pins).
 *
 * <p>For each container, initContainer and ephemeralContainer not exempted by {@code
 * excludedContainers} (name) or {@code excludedImages} (image, {@code *} prefix), the pod fails
 * when {@code spec.hostNetwork} is true and {@code allowHostNetwork} is false, or when any {@code
 * ports[].hostPort} is below {@code minPort} or above {@code maxPort}. With Defender's defaults
 * ({@code false}, {@code 0}, {@code 0}) host networking and every non-zero host port fail, while
 * {@code hostPort: 0} passes. Pods selected for Windows nodes are skipped.
 *
 * <p>Choices:
 *
 * <ul>
 *   <li>The host network fault is a pod-level field, reported once with its path; it still needs a
 *       container that is not exempted, because the template raises it per checked container. So
 *       {@code excludedImages} does exempt host networking here, unlike the gatekeeper-library
 *       version whose pod-level check ignores image exemptions.
 *   <li>A port without {@code hostPort} is not checked, except in a pod with {@code hostNetwork:
 *       true}: there the API server sets an unset or 0 {@code hostPort} of each container and
 *       initContainer to its {@code containerPort} on the Pod that the policy then sees, so the
 *       {@code containerPort} is checked as the host port it becomes.
 *   <li>A {@code hostPort} that is not an integer fails (the template's comparison of a string with
 *       a number is true in one of the two directions).
 *   <li>{@code minPort} and {@code maxPort} must lie in 0..65535 with {@code minPort <= maxPort};
 *       the configuration is rejected otherwise.
 * </ul>
 */
public final class HostNetworkAndPortsRestricted extends PodRule {
  private static final int MAX_PORT = 65535;

  public HostNetworkAndPortsRestricted() {
    super(
        "k8s.host-network-ports", DEFINITION_EXCLUDED_NAMESPACES, ALL_CONTAINERS, true, true, true);
  }

  @Override
  protected List<ParameterSpec> podParameters() {
    return List.of(
        ParameterSpec.bool(
            "allowHostNetwork", false, "whether pods may use the host network (spec.hostNetwork)"),
        ParameterSpec.integer("minPort", 0, "the lowest hostPort allowed")
            .checkedBy(HostNetworkAndPortsRestricted::portProblem),
        ParameterSpec.integer("maxPort", 0, "the highest hostPort allowed")
            .checkedBy(HostNetworkAndPortsRestricted::portProblem));
  }

  private static String portProblem(JsonNode value) {
    int port = value.asInt();
    return port < 0 || port > MAX_PORT
        ? "must be a port number from 0 to " + MAX_PORT + ", got " + port
        : null;
  }

  @Override
  public String parametersProblem(RuleParameters p) {
    int min = p.integer("minPort");
    int max = p.integer("maxPort");
    return min > max
        ? "minPort " + min + " is above maxPort " + max + ", so no host port could be allowed"
        : null;
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    if (containers.isEmpty()) {
      return Verdict.passed(
          "no container to check (none, or all excluded), so hostNetwork and host ports are not"
              + " checked");
    }
    boolean allowHostNetwork = p.bool("allowHostNetwork");
    int min = p.integer("minPort");
    int max = p.integer("maxPort");
    String range = "minPort " + min + " to maxPort " + max;
    boolean hostNetwork = pod.spec().get("hostNetwork").isTrue();

    List<String> faults = new ArrayList<>();
    if (hostNetwork && !allowHostNetwork) {
      faults.add(pod.specPath() + ".hostNetwork is true and allowHostNetwork is false");
    }
    int portsChecked = 0;
    for (Container c : containers) {
      List<String> bad = new ArrayList<>();
      List<Doc> ports = c.doc().get("ports").items();
      for (int i = 0; i < ports.size(); i++) {
        Doc port = ports.get(i);
        Doc hostPort = port.get("hostPort");
        String field = "ports[" + i + "].hostPort";
        String origin = "";
        boolean unset = hostPort.isAbsent() || hostPort.node().asText().equals("0");
        if (unset && hostNetwork && c.list() != ContainerList.EPHEMERAL_CONTAINERS) {
          // On a host-network Pod the API server replaces an unset or 0 hostPort with the
          // containerPort before admission (ephemeral containers cannot declare ports).
          Doc containerPort = port.get("containerPort");
          if (containerPort.isPresent()) {
            hostPort = containerPort;
            origin = " (the containerPort, as hostNetwork is true)";
          }
        }
        if (hostPort.isAbsent()) {
          continue;
        }
        portsChecked++;
        JsonNode value = hostPort.node();
        if (!value.isIntegralNumber()) {
          bad.add(field + " " + hostPort.describe() + " is not a port number");
        } else if (value.asLong() < min || value.asLong() > max) {
          bad.add(field + " " + value.asLong() + origin + " is outside " + range);
        }
      }
      if (!bad.isEmpty()) {
        faults.add(c.label() + ": " + String.join(", ", bad));
      }
    }
    if (!faults.isEmpty()) {
      return Verdict.failed(String.join("; ", faults));
    }
    String network =
        hostNetwork
            ? pod.specPath() + ".hostNetwork is true, which allowHostNetwork permits"
            : pod.specPath() + ".hostNetwork is not true";
    String ports =
        portsChecked == 0 ? "no container sets a hostPort" : "every hostPort is within " + range;
    return Verdict.passed(
        network + "; " + ports + " (" + containers.size() + " container(s) checked)");
  }
}
