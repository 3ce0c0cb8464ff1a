package dev.containerwatch.rules.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * "Least privileged Linux capabilities should be enforced for containers" (Azure Policy
 * c26596ff-4d70-4e6a-9a30-c2506bd2f80c, template {@code k8sazurev3allowedcapabilities}).
 *
 * <p>For each container, initContainer and ephemeralContainer (Windows-selected pods skipped,
 * {@code excludedContainers} and {@code excludedImages} applied) two checks, on {@code
 * securityContext.capabilities}:
 *
 * <ul>
 *   <li>every {@code add} entry must be in {@code allowedCapabilities}, unless that list contains
 *       {@code *};
 *   <li>every {@code requiredDropCapabilities} entry must be in {@code drop}, unless {@code drop}
 *       contains {@code ALL}.
 * </ul>
 *
 * Both sides are lower-cased before comparing, as the template does, so {@code all}, {@code All}
 * and {@code ALL} are the same. Names are otherwise compared as written: {@code CAP_NET_ADMIN} is
 * not {@code NET_ADMIN}. With Defender's defaults ({@code []} and {@code []}) a container passes
 * exactly when it adds no capability; {@code drop: [ALL]} is not required until configured.
 *
 * <p>Parameters: {@code allowedCapabilities} (default {@code []}: nothing may be added) and {@code
 * requiredDropCapabilities} (default {@code []}).
 */
public final class LeastPrivilegedCapabilities extends PodRule {

  public LeastPrivilegedCapabilities() {
    super(
        "k8s.least-privileged-capabilities",
        MCSB_EXCLUDED_NAMESPACES,
        ALL_CONTAINERS,
        true,
        true,
        true);
  }

  @Override
  protected List<ParameterSpec> podParameters() {
    return List.of(
        ParameterSpec.stringList(
                "allowedCapabilities",
                List.of(),
                "capabilities containers may add (case-insensitive; \"*\" allows all)")
            .checkedBy(LeastPrivilegedCapabilities::blankEntry),
        ParameterSpec.stringList(
                "requiredDropCapabilities",
                List.of(),
                "capabilities every container must drop, unless it drops ALL (case-insensitive)")
            .checkedBy(LeastPrivilegedCapabilities::blankEntry));
  }

  /** An empty name can only be a mistake in the configuration: nothing could match it. */
  private static String blankEntry(JsonNode list) {
    for (JsonNode item : list) {
      if (item.asText().isBlank()) {
        return "capability names must not be empty";
      }
    }
    return null;
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    List<String> allowed = p.strings("allowedCapabilities");
    List<String> requiredDrop = p.strings("requiredDropCapabilities");
    Set<String> allowedLower = lower(allowed);
    Set<String> requiredLower = lower(requiredDrop);
    boolean allowAll = allowedLower.contains("*");
    return perContainer(
        containers,
        c -> {
          List<String> faults = new ArrayList<>();
          List<String> add = c.securityContext().get("capabilities.add").texts();
          List<String> drop = c.securityContext().get("capabilities.drop").texts();
          if (!allowAll) {
            // Reported as written in the manifest; a name repeated in other cases counts once.
            Set<String> seen = new LinkedHashSet<>();
            List<String> disallowed = new ArrayList<>();
            for (String cap : add) {
              String key = cap.toLowerCase(Locale.ROOT);
              if (!allowedLower.contains(key) && seen.add(key)) {
                disallowed.add(cap);
              }
            }
            if (!disallowed.isEmpty()) {
              faults.add(
                  "securityContext.capabilities.add has "
                      + String.join(", ", disallowed)
                      + ", not in allowedCapabilities "
                      + allowed);
            }
          }
          Set<String> dropLower = lower(drop);
          if (!dropLower.contains("all")) {
            List<String> missing = new ArrayList<>();
            for (String cap : requiredDrop) {
              if (!dropLower.contains(cap.toLowerCase(Locale.ROOT)) && !missing.contains(cap)) {
                missing.add(cap);
              }
            }
            if (!missing.isEmpty()) {
              faults.add(
                  "securityContext.capabilities.drop "
                      + (drop.isEmpty() ? "is empty" : drop.toString())
                      + ", missing "
                      + String.join(", ", missing)
                      + " of requiredDropCapabilities "
                      + requiredDrop
                      + " (and no ALL)");
            }
          }
          return faults.isEmpty() ? null : String.join("; ", faults);
        },
        passReason(allowed, requiredDrop, allowAll));
  }

  private static String passReason(
      List<String> allowed, List<String> requiredDrop, boolean allowAll) {
    String adds =
        allowAll
            ? "allowedCapabilities contains *, so any capability may be added"
            : allowed.isEmpty()
                ? "no container adds a capability (allowedCapabilities is empty)"
                : "every added capability is in allowedCapabilities " + allowed;
    String drops =
        requiredDrop.isEmpty()
            ? "no drop is required (requiredDropCapabilities is empty)"
            : "every container drops requiredDropCapabilities " + requiredDrop + " or ALL";
    return adds + "; " + drops;
  }

  private static Set<String> lower(List<String> names) {
    Set<String> out = new LinkedHashSet<>();
    names.forEach(n -> out.add(n.toLowerCase(Locale.ROOT)));
    return out;
  }
}
