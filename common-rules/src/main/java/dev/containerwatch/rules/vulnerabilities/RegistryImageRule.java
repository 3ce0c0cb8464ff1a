package dev.containerwatch.rules.vulnerabilities;

import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.vulnerabilities.RegistryKind;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.util.List;
import java.util.Set;

/**
 * Base of the "container images in a registry should have vulnerability findings resolved" rules. A
 * report belongs to the rules of the registry its image lives in (by host), and to the
 * scanner-specific ones only when their scanner made it. One finding per (rule, image digest): the
 * pending result of a push is updated in place by the scan's result.
 *
 * <ul>
 *   <li>FAILED when the image has a known vulnerability (or, as configured, one at or above {@code
 *       minimumSeverity}, or only those with a fix); the reason gives counts per severity and the
 *       worst ones with their fixed versions.
 *   <li>PASSED when the scan is complete and nothing counts.
 *   <li>UNKNOWN while the scan is pending, when it failed, when the scanner does not support the
 *       image, or when it was not scanned.
 * </ul>
 */
abstract class RegistryImageRule extends VulnerabilityRule {
  private final RegistryKind registry;

  /**
   * @param scanners the scanners whose reports the rule takes; empty for every scanner
   */
  RegistryImageRule(String id, RegistryKind registry, Set<Scanner> scanners) {
    super(id, ResourceType.IMAGE_SCAN, scanners);
    this.registry = registry;
  }

  static VulnerabilityReport report(Snapshot snapshot) {
    return snapshot.derived(
        "vulnerability.report", s -> VulnerabilityReport.fromJson(s.document()));
  }

  @Override
  public boolean appliesTo(Snapshot snapshot) {
    VulnerabilityReport r = report(snapshot);
    return r.image().kind() == registry && counts(r.scanner());
  }

  @Override
  public List<Verdict> evaluate(Snapshot snapshot, RuleParameters p) {
    return List.of(verdict(report(snapshot), p));
  }
}
