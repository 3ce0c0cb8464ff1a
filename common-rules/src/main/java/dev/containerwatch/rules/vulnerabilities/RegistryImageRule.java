package dev.containerwatch.rules.vulnerabilities;

import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.vulnerabilities.RegistryKind;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.Vulnerability;
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
abstract class RegistryImageRule implements Rule {
  private final String id;
  private final RegistryKind registry;
  private final Set<Scanner> scanners;

  /**
   * @param scanners the scanners whose reports the rule takes; empty for every scanner
   */
  RegistryImageRule(String id, RegistryKind registry, Set<Scanner> scanners) {
    this.id = id;
    this.registry = registry;
    this.scanners = scanners;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final ResourceType resourceType() {
    return ResourceType.IMAGE_SCAN;
  }

  @Override
  public List<ParameterSpec> parameters() {
    return VulnerabilityThreshold.parameters();
  }

  static VulnerabilityReport report(Snapshot snapshot) {
    return snapshot.derived(
        "vulnerability.report", s -> VulnerabilityReport.fromJson(s.document()));
  }

  @Override
  public boolean appliesTo(Snapshot snapshot) {
    VulnerabilityReport r = report(snapshot);
    return r.image().kind() == registry && (scanners.isEmpty() || scanners.contains(r.scanner()));
  }

  @Override
  public List<Verdict> evaluate(Snapshot snapshot, RuleParameters p) {
    return List.of(verdict(report(snapshot), p));
  }

  /** The verdict on one image's report; shared with the running-container rules. */
  static Verdict verdict(VulnerabilityReport r, RuleParameters p) {
    String by = r.scanner().key() + (r.scannedAt() == null ? "" : " at " + r.scannedAt());
    String why = r.stateReason() == null ? "" : ": " + r.stateReason();
    switch (r.state()) {
      case PENDING:
        return Verdict.unknown(
            "scan pending"
                + (r.scanner() == Scanner.NONE
                    ? ""
                    : ": " + r.scanner().key() + " has not finished")
                + why);
      case FAILED:
        return Verdict.unknown("scan failed" + why);
      case UNSUPPORTED:
        return Verdict.unknown(
            "not scanned: " + r.scanner().key() + " does not support the image" + why);
      case NOT_SCANNED:
        return Verdict.unknown("not scanned" + why);
      default:
        break;
    }
    if (r.vulnerabilities().isEmpty() && r.total() > 0) {
      int n = VulnerabilityThreshold.countedFromCounts(r, p);
      if (n < 0) {
        return Verdict.unknown(
            "the scan by "
                + by
                + " gives counts only ("
                + VulnerabilityThreshold.countsText(r.severityCounts())
                + "), so which have a fix is unknown");
      }
      return n == 0
          ? Verdict.passed(
              "scanned by "
                  + by
                  + ": "
                  + VulnerabilityThreshold.countsText(r.severityCounts())
                  + ", none"
                  + VulnerabilityThreshold.scope(p))
          : Verdict.failed(
              n
                  + " known vulnerabilities"
                  + VulnerabilityThreshold.scope(p)
                  + " by "
                  + by
                  + " ("
                  + VulnerabilityThreshold.countsText(r.severityCounts())
                  + "); the scan event gives counts only, details are in the scanner");
    }
    List<Vulnerability> counted = VulnerabilityThreshold.counted(r, p);
    if (counted.isEmpty()) {
      return Verdict.passed(
          r.total() == 0
              ? "scanned by " + by + ": no known vulnerabilities"
              : "scanned by "
                  + by
                  + ": "
                  + r.total()
                  + " known vulnerabilities, none"
                  + VulnerabilityThreshold.scope(p));
    }
    return Verdict.failed(
        counted.size()
            + " known vulnerabilities"
            + VulnerabilityThreshold.scope(p)
            + " by "
            + by
            + " ("
            + VulnerabilityThreshold.countsText(VulnerabilityThreshold.countsOf(counted))
            + "); worst: "
            + VulnerabilityThreshold.worst(counted));
  }
}
