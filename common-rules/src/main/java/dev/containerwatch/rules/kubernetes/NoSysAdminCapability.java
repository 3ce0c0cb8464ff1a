package dev.containerwatch.rules.kubernetes;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.kubernetes.PodTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * "Kubernetes clusters should not grant CAP_SYS_ADMIN security capabilities" (Azure Policy
 * d2e7ea85-6b44-4317-a0be-1b951587f626, template {@code k8sazurev3disallowedcapabilities} with
 * {@code disallowedCapabilities: ["SYS_ADMIN"]} written into the definition).
 *
 * <p>A container, initContainer or ephemeralContainer fails when an entry of {@code
 * securityContext.capabilities.add} equals {@code SYS_ADMIN}. Pods selected for Windows nodes are
 * skipped; {@code excludedContainers} and {@code excludedImages} apply. The disallowed list is not
 * a parameter: the definition hard-codes it, so this rule has only the common parameters.
 *
 * <p>The comparison is exact and case-sensitive, as in the template, and this rule keeps that gap
 * deliberately so that its results are Defender's:
 *
 * <ul>
 *   <li>{@code sys_admin} passes, although runtimes upper-case capability names and grant it;
 *   <li>{@code ALL} passes, although it includes CAP_SYS_ADMIN;
 *   <li>{@code CAP_SYS_ADMIN} passes (whether it is granted or rejected depends on the runtime's
 *       handling of the prefix);
 *   <li>{@code privileged: true} passes (k8s.no-privileged-containers covers it), and {@code drop}
 *       is not read.
 * </ul>
 *
 * The PASSED reason points out the spellings Defender misses, and k8s.least-privileged-capabilities
 * (which compares case-insensitively against an allow-list) fails all of them.
 */
public final class NoSysAdminCapability extends PodRule {
  /** The one capability the definition disallows, compared as the template compares it. */
  static final String SYS_ADMIN = "SYS_ADMIN";

  public NoSysAdminCapability() {
    super("k8s.no-cap-sys-admin", MCSB_EXCLUDED_NAMESPACES, ALL_CONTAINERS, true, true, true);
  }

  @Override
  protected Verdict checkPod(
      KubernetesObject object, PodTemplate pod, List<Container> containers, RuleParameters p) {
    // Spellings that grant CAP_SYS_ADMIN but that Defender's exact match lets through: named in
    // the PASSED reason so that nobody reads the pass as "this pod has no CAP_SYS_ADMIN".
    List<String> missed = new ArrayList<>();
    for (Container c : containers) {
      for (String cap : added(c)) {
        if (!cap.equals(SYS_ADMIN) && grantsSysAdmin(cap)) {
          missed.add(c.label() + " adds " + cap);
        }
      }
    }
    String pass = "no container adds SYS_ADMIN to securityContext.capabilities.add";
    if (!missed.isEmpty()) {
      pass +=
          "; not caught by Defender's exact, case-sensitive comparison: "
              + String.join(", ", missed)
              + " (k8s.least-privileged-capabilities fails them unless allowed)";
    }
    return perContainer(
        containers,
        c ->
            added(c).contains(SYS_ADMIN)
                ? "securityContext.capabilities.add contains SYS_ADMIN"
                : null,
        pass);
  }

  private static List<String> added(Container c) {
    return c.securityContext().get("capabilities.add").texts();
  }

  /** Whether this {@code add} entry may grant CAP_SYS_ADMIN, in any spelling. */
  private static boolean grantsSysAdmin(String cap) {
    String upper = cap.toUpperCase(Locale.ROOT);
    return upper.equals(SYS_ADMIN) || upper.equals("CAP_SYS_ADMIN") || upper.equals("ALL");
  }
}
