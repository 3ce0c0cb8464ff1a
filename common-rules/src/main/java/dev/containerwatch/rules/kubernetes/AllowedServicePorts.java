package dev.containerwatch.rules.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.documents.Json;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Services should listen on allowed ports only" (Azure Policy
 * 233a2a17-77ca-4fb1-9b6b-69223d272a44, template {@code k8sazurev1serviceallowedports}).
 *
 * <p>Every {@code spec.ports[].port} of a Service must equal an entry of {@code
 * allowedServicePortsList} or fall inside a range entry {@code "a-b"} (both ends included). {@code
 * targetPort}, {@code nodePort}, the protocol and the Service type are not considered. The API
 * server's own Service {@code default/kubernetes} is exempt (NOT_APPLICABLE). The definition has no
 * {@code excludedContainers} or {@code excludedImages}, and keeps its own default {@code
 * excludedNamespaces}.
 *
 * <p>Parameter {@code allowedServicePortsList}: Defender's default {@code ["-1"]} matches no port,
 * so every Service with ports fails until it is configured. Entries are checked when the
 * configuration loads: a port number 1-65535 written without sign or leading zero (the template
 * compares the port's decimal string with the entry, so {@code "080"} would never match), {@code
 * "-1"}, or a range {@code "a-b"} of such numbers with {@code a <= b}.
 *
 * <p>Choices: a Service without ports (an {@code ExternalName} Service, a headless Service without
 * selector) passes, as in the template, where no port means no violation; a port entry whose {@code
 * port} is not an integer cannot be judged and makes the verdict UNKNOWN when no other port fails.
 */
public final class AllowedServicePorts extends DataPlaneRule {
  /** Defender's (MCSB) default: no port is allowed. */
  static final List<String> MCSB_DEFAULT_PORTS = List.of("-1");

  private static final Pattern PORT = Pattern.compile("[1-9][0-9]{0,4}");
  private static final Pattern RANGE = Pattern.compile("([1-9][0-9]{0,4})-([1-9][0-9]{0,4})");

  public AllowedServicePorts() {
    super("k8s.allowed-service-ports", DEFINITION_EXCLUDED_NAMESPACES);
  }

  @Override
  protected boolean concerns(KubernetesObject object) {
    return object.kind().equals("Service") && object.group().isEmpty();
  }

  @Override
  protected List<ParameterSpec> specificParameters() {
    return List.of(
        ParameterSpec.stringList(
                "allowedServicePortsList",
                MCSB_DEFAULT_PORTS,
                "ports a Service may listen on: numbers (\"443\") or ranges (\"8000-8999\")")
            .checkedBy(AllowedServicePorts::listProblem));
  }

  @Override
  protected Verdict check(KubernetesObject object, Snapshot snapshot, RuleParameters p) {
    if (object.namespace().equals("default") && object.name().equals("kubernetes")) {
      return Verdict.notApplicable(
          "Service default/kubernetes is the API server's own Service, which the policy exempts");
    }
    List<String> allowed = p.strings("allowedServicePortsList");
    String listed = Json.write(p.node("allowedServicePortsList"));
    List<Doc> ports = object.doc().get("spec.ports").items();
    if (ports.isEmpty()) {
      return Verdict.passed(
          "the Service declares no ports (spec.ports is empty), nothing to check");
    }
    List<String> offending = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    List<String> fine = new ArrayList<>();
    for (int i = 0; i < ports.size(); i++) {
      Doc entry = ports.get(i);
      JsonNode port = entry.get("port").node();
      String name = entry.get("name").text().map(n -> " '" + n + "'").orElse("");
      String where = "spec.ports[" + i + "]" + name;
      if (!port.isIntegralNumber()) {
        unreadable.add("spec.ports[" + i + "].port" + name + " is " + entry.get("port").describe());
        continue;
      }
      long number = port.asLong();
      if (isAllowed(number, allowed)) {
        fine.add(Long.toString(number));
      } else {
        offending.add(number + " (" + where + ")");
      }
    }
    if (!offending.isEmpty()) {
      String reason =
          "port(s) not in allowedServicePortsList " + listed + ": " + String.join(", ", offending);
      if (allowed.equals(MCSB_DEFAULT_PORTS)) {
        reason += " (Defender's default, which allows no port: configure the ports you allow)";
      }
      return Verdict.failed(reason);
    }
    if (!unreadable.isEmpty()) {
      return Verdict.unknown(
          "cannot judge the Service: " + String.join(", ", unreadable) + ", not a port number");
    }
    return Verdict.passed(
        "every port (" + String.join(", ", fine) + ") is in allowedServicePortsList " + listed);
  }

  /** Whether a port equals an entry or lies in an {@code a-b} entry. */
  static boolean isAllowed(long port, List<String> allowed) {
    String text = Long.toString(port);
    for (String entry : allowed) {
      if (entry.equals(text)) {
        return true;
      }
      Matcher range = RANGE.matcher(entry);
      if (range.matches()
          && Long.parseLong(range.group(1)) <= port
          && port <= Long.parseLong(range.group(2))) {
        return true;
      }
    }
    return false;
  }

  /** Why a list of allowed ports is not valid, or null. */
  static String listProblem(JsonNode value) {
    for (JsonNode item : value) {
      String entry = item.asText();
      if (entry.equals("-1") || (PORT.matcher(entry).matches() && inPortRange(entry))) {
        continue;
      }
      Matcher range = RANGE.matcher(entry);
      if (range.matches() && inPortRange(range.group(1)) && inPortRange(range.group(2))) {
        if (Integer.parseInt(range.group(1)) > Integer.parseInt(range.group(2))) {
          return "range '" + entry + "' is empty: write the lower port first";
        }
        continue;
      }
      return "'"
          + entry
          + "' is neither a port number 1-65535 (\"443\") nor a range (\"8000-8999\")";
    }
    return null;
  }

  private static boolean inPortRange(String digits) {
    return Integer.parseInt(digits) <= 65535;
  }
}
