package dev.containerwatch.rules.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import dev.containerwatch.kubernetes.Quantities;
import dev.containerwatch.model.Doc;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * "Container CPU and memory limits should be enforced" (Azure Policy e345eecc-fa47-480f-9e88-
 * 67dcc122b164, template {@code k8sazurev3containerlimits}).
 *
 * <p>Every container and initContainer that is not excluded must have {@code resources.limits.cpu}
 * and {@code resources.limits.memory}, both parsable as the template parses quantities ({@link
 * Quantities}) and not greater than {@code cpuLimit} / {@code memoryLimit}. A container fails when
 * {@code resources} or {@code resources.limits} is missing, when either limit is missing or the
 * empty string, when a limit cannot be parsed, or when a limit is strictly above the maximum (equal
 * passes; CPU is compared in millicores, memory in milli-bytes). Requests are not examined.
 * Ephemeral containers are not read: they cannot set resources. The template has no Windows skip.
 *
 * <p>Parameters: {@code cpuLimit} (Defender's default {@code "32"}) and {@code memoryLimit} ({@code
 * "64Gi"}), rejected when the configuration loads if they do not parse (the template would then
 * silently stop comparing), or if {@code cpuLimit} is negative; {@code excludedContainers}, {@code
 * excludedImages}.
 *
 * <p>Choices: a limit written as YAML {@code null} counts as not set (the API server drops it); a
 * container with several faults has them all listed; an empty limit is reported as empty only, not
 * also as unparsable.
 */
public final class ContainerResourceLimits extends PodRule {

  public ContainerResourceLimits() {
    super(
        "k8s.container-resource-limits",
        MCSB_EXCLUDED_NAMESPACES,
        NOT_EPHEMERAL,
        false,
        true,
        true);
  }

  @Override
  protected List<ParameterSpec> podParameters() {
    return List.of(
        ParameterSpec.string(
                "cpuLimit",
                "32",
                "the highest CPU limit a container may set: cores (\"2\", \"0.5\") or millicores"
                    + " (\"500m\")")
            .checkedBy(Quantities::cpuLimitProblem),
        ParameterSpec.string(
                "memoryLimit",
                "64Gi",
                "the highest memory limit a container may set (\"64Gi\", \"512M\")")
            .checkedBy(Quantities::memoryLimitProblem));
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    JsonNode cpuMax = p.node("cpuLimit");
    JsonNode memoryMax = p.node("memoryLimit");
    // Validated at load time, so both parse.
    BigDecimal cpuMaxMillis =
        p.derived("cpuMillicores", q -> Quantities.cpuMillicores(cpuMax).orElseThrow());
    BigDecimal memoryMaxMillis =
        p.derived("memoryMilliBytes", q -> Quantities.memoryMilliBytes(memoryMax).orElseThrow());
    return perContainer(
        containers,
        c -> {
          Doc limits = c.doc().get("resources.limits");
          if (c.doc().get("resources").isAbsent() || limits.isAbsent()) {
            return "resources.limits is not set (no CPU or memory limit)";
          }
          List<String> faults = new ArrayList<>();
          check(limits, "cpu", "cpuLimit", cpuMax, cpuMaxMillis, Quantities::cpuMillicores, faults);
          check(
              limits,
              "memory",
              "memoryLimit",
              memoryMax,
              memoryMaxMillis,
              Quantities::memoryMilliBytes,
              faults);
          return faults.isEmpty() ? null : String.join(", ", faults);
        },
        "every container sets CPU and memory limits within cpuLimit "
            + cpuMax.asText()
            + " and memoryLimit "
            + memoryMax.asText());
  }

  /** Adds what is wrong with {@code limits.<key>}, if anything, to {@code faults}. */
  private static void check(
      Doc limits,
      String key,
      String parameter,
      JsonNode max,
      BigDecimal maxValue,
      Function<JsonNode, Optional<BigDecimal>> parser,
      List<String> faults) {
    String field = "resources.limits." + key;
    Doc limit = limits.get(key);
    if (limit.isAbsent()) {
      faults.add(field + " is not set");
      return;
    }
    JsonNode value = limit.node();
    if (value.isTextual() && value.textValue().isEmpty()) {
      faults.add(field + " is empty");
      return;
    }
    Optional<BigDecimal> parsed = parser.apply(value);
    String written = value.isValueNode() ? value.asText() : limit.describe();
    if (parsed.isEmpty()) {
      String what = key.equals("cpu") ? "CPU" : "memory";
      faults.add(field + " '" + written + "' cannot be parsed as a " + what + " quantity");
    } else if (parsed.get().compareTo(maxValue) > 0) {
      faults.add(field + " " + written + " is above " + parameter + " " + max.asText());
    }
  }
}
