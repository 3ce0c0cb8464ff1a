package dev.containerwatch.gcp.sinks;

import com.google.cloud.securitycenter.v1.Cve;
import com.google.cloud.securitycenter.v1.Cvssv3;
import com.google.cloud.securitycenter.v1.Finding;
import com.google.cloud.securitycenter.v1.Vulnerability;
import com.google.protobuf.FieldMask;
import com.google.protobuf.Timestamp;
import com.google.protobuf.Value;
import dev.containerwatch.catalog.Category;
import dev.containerwatch.catalog.Recommendation;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.Status;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a finding is written to Security Command Center (API v1, whose {@code Finding.state} is
 * writable with {@code UpdateFinding}; in v2 it is output only).
 *
 * <table>
 *   <caption>Fields</caption>
 *   <tr><th>field</th><th>value</th></tr>
 *   <tr><td>{@code name}</td><td>{@code <source>/findings/<FindingId.hex()>}: 32 hex characters,
 *       derived from rule, resource and subject</td></tr>
 *   <tr><td>{@code state}</td><td>ACTIVE for FAILED; INACTIVE for PASSED and NOT_APPLICABLE (and a
 *       deleted resource); UNKNOWN is not written</td></tr>
 *   <tr><td>{@code category}</td><td>the rule id in upper snake case: {@code gke.legacy-abac-disabled}
 *       is {@code GKE_LEGACY_ABAC_DISABLED} (unlike Security Health Analytics' own names)</td></tr>
 *   <tr><td>{@code findingClass}</td><td>VULNERABILITY for the vulnerability-assessment
 *       recommendations, MISCONFIGURATION for the others</td></tr>
 *   <tr><td>{@code resourceName}</td><td>see {@link SccResourceNames}</td></tr>
 *   <tr><td>{@code severity}</td><td>the recommendation's (an unstated one is HIGH)</td></tr>
 *   <tr><td>{@code eventTime}</td><td>the triggering event's time (never in the future)</td></tr>
 *   <tr><td>{@code sourceProperties}</td><td>{@code ruleId}, {@code title}, {@code status}, {@code
 *       reason}, {@code resourceType}, {@code resourceId}, {@code subject}, {@code
 *       recommendationCategory}, {@code defenderAssessmentKey}</td></tr>
 *   <tr><td>{@code description}, {@code nextSteps}</td><td>the recommendation's description and
 *       remediation</td></tr>
 *   <tr><td>{@code vulnerability.cve}</td><td>for a failing image: its worst counted CVE, with CVSS
 *       base score and whether a fix exists</td></tr>
 * </table>
 */
public final class SccFindings {
  /** Every field written; one mask for all findings, so that a field dropped is cleared. */
  public static final FieldMask UPDATE_MASK =
      FieldMask.newBuilder()
          .addAllPaths(
              List.of(
                  "state",
                  "event_time",
                  "source_properties",
                  "severity",
                  "category",
                  "finding_class",
                  "resource_name",
                  "external_uri",
                  "description",
                  "next_steps",
                  "vulnerability"))
          .build();

  /** Source property values are kept short; the whole reason is in the webhook and the logs. */
  static final int MAX_PROPERTY_LENGTH = 4000;

  private SccFindings() {}

  /** The finding's name under a source. */
  public static String name(String source, String findingIdHex) {
    return source + "/findings/" + findingIdHex;
  }

  /** The category of a rule: its id in upper snake case. */
  public static String category(String ruleId) {
    return ruleId.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /**
   * The SCC finding of one of ours, or empty when it is not written (UNKNOWN).
   *
   * @param report the image's report, for the {@code vulnerability} block; may be null
   * @param parameters the rule's parameters (which vulnerabilities count)
   */
  public static Optional<Finding> toScc(
      dev.containerwatch.findings.Finding f,
      String source,
      Instant eventTime,
      VulnerabilityReport report,
      RuleParameters parameters) {
    Finding.State state;
    switch (f.status()) {
      case FAILED:
        state = Finding.State.ACTIVE;
        break;
      case PASSED:
      case NOT_APPLICABLE:
        state = Finding.State.INACTIVE;
        break;
      default:
        return Optional.empty();
    }
    Recommendation r = f.recommendation();
    Finding.Builder b =
        Finding.newBuilder()
            .setName(name(source, f.id().hex()))
            .setParent(source)
            .setResourceName(SccResourceNames.of(f.resource()))
            .setState(state)
            .setCategory(category(f.ruleId()))
            .setEventTime(timestamp(eventTime))
            .setSeverity(severity(r))
            .setFindingClass(
                r.category() == Category.VULNERABILITY_ASSESSMENT
                    ? Finding.FindingClass.VULNERABILITY
                    : Finding.FindingClass.MISCONFIGURATION);
    SccResourceNames.consoleUri(f.resource()).ifPresent(b::setExternalUri);
    if (r.description() != null) {
      b.setDescription(r.description().strip());
    }
    if (r.remediation() != null) {
      b.setNextSteps(r.remediation().strip());
    }
    b.putSourceProperties("ruleId", text(f.ruleId()));
    b.putSourceProperties("title", text(r.title()));
    b.putSourceProperties("status", text(f.status().name()));
    b.putSourceProperties("reason", text(f.reason()));
    b.putSourceProperties("resourceType", text(f.resource().type().nativeName()));
    b.putSourceProperties("resourceId", text(f.resource().id()));
    b.putSourceProperties("recommendationCategory", text(r.category().key()));
    if (f.subject() != null) {
      b.putSourceProperties("subject", text(f.subject()));
    }
    if (r.assessmentKey() != null) {
      b.putSourceProperties("defenderAssessmentKey", text(r.assessmentKey()));
    }
    if (f.status() == Status.FAILED
        && f.resource().type() == ResourceType.IMAGE_SCAN
        && report != null) {
      worstCve(report, parameters).ifPresent(b::setVulnerability);
    }
    return Optional.of(b.build());
  }

  static Finding.Severity severity(Recommendation r) {
    switch (r.severity().effective()) {
      case LOW:
        return Finding.Severity.LOW;
      case MEDIUM:
        return Finding.Severity.MEDIUM;
      default:
        return Finding.Severity.HIGH;
    }
  }

  /**
   * The worst CVE among the vulnerabilities the rule counts (as its {@code minimumSeverity} and
   * {@code onlyFixable} say): highest severity, then CVSS, then id.
   */
  static Optional<Vulnerability> worstCve(VulnerabilityReport report, RuleParameters p) {
    var values = p.asMap();
    String min =
        values.containsKey("minimumSeverity") ? values.get("minimumSeverity").asText() : "any";
    VulnerabilitySeverity threshold =
        min.equalsIgnoreCase("any") ? null : VulnerabilitySeverity.parse(min);
    boolean onlyFixable =
        values.containsKey("onlyFixable") && values.get("onlyFixable").asBoolean();
    return report.vulnerabilities().stream()
        .filter(v -> v.id().startsWith("CVE-"))
        .filter(v -> threshold == null || v.severity().atLeast(threshold))
        .filter(v -> !onlyFixable || v.fixAvailable())
        .min(
            Comparator.comparing(dev.containerwatch.vulnerabilities.Vulnerability::severity)
                .thenComparing(v -> v.cvss() == null ? 0 : -v.cvss())
                .thenComparing(dev.containerwatch.vulnerabilities.Vulnerability::id))
        .map(
            v -> {
              Cve.Builder cve =
                  Cve.newBuilder().setId(v.id()).setUpstreamFixAvailable(v.fixAvailable());
              if (v.cvss() != null) {
                cve.setCvssv3(Cvssv3.newBuilder().setBaseScore(v.cvss()));
              }
              return Vulnerability.newBuilder().setCve(cve).build();
            });
  }

  static Timestamp timestamp(Instant t) {
    return Timestamp.newBuilder().setSeconds(t.getEpochSecond()).setNanos(t.getNano()).build();
  }

  private static Value text(String s) {
    String v = s == null ? "" : s;
    if (v.length() > MAX_PROPERTY_LENGTH) {
      v = v.substring(0, MAX_PROPERTY_LENGTH - 3) + "...";
    }
    return Value.newBuilder().setStringValue(v).build();
  }
}
