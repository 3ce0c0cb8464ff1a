package dev.containerwatch.vulnerabilities.sources;

import dev.containerwatch.model.Doc;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One Amazon Inspector finding in the Inspector2 API's shape ({@code Finding}), which is also what
 * ECR's {@code DescribeImageScanFindings} returns as {@code enhancedFindings} (there the score is
 * {@code score} instead of {@code inspectorScore}), read into the model's vulnerabilities. The
 * image the finding is about is left to the caller: ECR's response names it once for all its
 * findings, Inspector's findings name it in {@code resources}.
 *
 * @param closed {@code status} is {@code CLOSED}: Inspector no longer sees the vulnerability in the
 *     image (the package was updated or the image rebuilt), so it is not a vulnerability of the
 *     image
 * @param packageVulnerability {@code type} is {@code PACKAGE_VULNERABILITY} (the only type
 *     Inspector makes for container images; network reachability and code findings are about
 *     instances and functions)
 * @param updatedAt {@code updatedAt}, else {@code lastObservedAt}, or null
 */
record InspectorFinding(
    boolean closed,
    boolean packageVulnerability,
    List<Vulnerability> vulnerabilities,
    Instant updatedAt) {

  /** Inspector's value of {@code fixedInVersion} when no fixed version exists. */
  private static final String NOT_AVAILABLE = "NotAvailable";

  static InspectorFinding read(Doc finding, SourceJson json) {
    // A listed finding without a status (ECR's enhancedFindings may omit it) is a current one.
    String status = json.string(finding.get("status")).orElse("ACTIVE");
    boolean closed;
    // SUPPRESSED is open: a suppression rule hides the finding in Inspector's console, but the
    // package is still vulnerable; whether that is acceptable is for the rules' exemptions.
    switch (status) {
      case "ACTIVE":
      case "SUPPRESSED":
        closed = false;
        break;
      case "CLOSED":
        closed = true;
        break;
      default:
        throw json.fail(
            json.where(finding.get("status"))
                + " '"
                + status
                + "' is not ACTIVE, SUPPRESSED or CLOSED");
    }
    Instant updatedAt =
        Aws.time(json, finding.get("updatedAt"))
            .or(() -> Aws.time(json, finding.get("lastObservedAt")))
            .orElse(null);
    String type = json.string(finding.get("type")).orElse("PACKAGE_VULNERABILITY");
    if (!type.equals("PACKAGE_VULNERABILITY")) {
      return new InspectorFinding(closed, false, List.of(), updatedAt);
    }
    Doc details = json.object(finding.get("packageVulnerabilityDetails"));
    if (details.isAbsent()) {
      throw json.missing(finding, "packageVulnerabilityDetails");
    }
    String id = json.required(details, "vulnerabilityId");
    // UNTRIAGED (the vendor has not rated it yet) reads as UNKNOWN.
    VulnerabilitySeverity severity =
        VulnerabilitySeverity.parse(json.string(finding.get("severity")).orElse(null));
    Double cvss =
        bestCvss(
            json.objects(details.get("cvss")),
            json.string(details.get("source")).orElse(null),
            "version",
            "baseScore",
            "source",
            json);
    if (cvss == null) {
      // No CVSS from any advisory: Inspector's own score, a CVSS score after its adjustments.
      cvss =
          json.number(finding.get("inspectorScore"))
              .or(() -> json.number(finding.get("score")))
              .orElse(null);
    }
    List<Vulnerability> out = new ArrayList<>();
    for (Doc p : json.objects(details.get("vulnerablePackages"))) {
      out.add(
          new Vulnerability(
              id,
              severity,
              cvss,
              json.string(p.get("name")).orElse(null),
              version(
                  json,
                  p.get("epoch"),
                  json.string(p.get("version")).orElse(null),
                  json.string(p.get("release")).orElse(null)),
              fixedVersion(json.string(p.get("fixedInVersion")))));
    }
    if (out.isEmpty()) {
      out.add(new Vulnerability(id, severity, cvss, null, null, null));
    }
    return new InspectorFinding(closed, true, out, updatedAt);
  }

  /**
   * The installed version as the distribution writes it: Inspector splits OS packages' versions
   * into {@code epoch}, {@code version} and {@code release} ({@code 2.9.14+dfsg} and {@code
   * 1.3~deb12u1}); joined ({@code 2.9.14+dfsg-1.3~deb12u1}, with {@code epoch:} in front when not
   * 0) they read like the fixed version Inspector gives and like other scanners' installed
   * versions.
   */
  static String version(SourceJson json, Doc epoch, String version, String release) {
    if (version == null) {
      return null;
    }
    long e = json.number(epoch).map(Double::longValue).orElse(0L);
    return (e != 0 ? e + ":" : "") + version + (release == null ? "" : "-" + release);
  }

  /** {@code fixedInVersion}, with Inspector's {@code NotAvailable} read as "no fix". */
  static String fixedVersion(Optional<String> fixedInVersion) {
    return fixedInVersion.filter(v -> !v.equalsIgnoreCase(NOT_AVAILABLE)).orElse(null);
  }

  /**
   * The CVSS base score to keep from a finding's list (one per advisory source and CVSS version):
   * among the entries of the source that raised the finding ({@code packageVulnerabilityDetails
   * .source}, ASFF {@code Vendor.Name}), or of all when that source gave none, the one with the
   * highest CVSS version (3.1 over 2.0); the first of equals. Null when no entry has a score.
   */
  static Double bestCvss(
      List<Doc> entries,
      String preferredSource,
      String versionField,
      String scoreField,
      String sourceField,
      SourceJson json) {
    List<Doc> scored = new ArrayList<>();
    List<Doc> fromSource = new ArrayList<>();
    for (Doc entry : entries) {
      if (json.number(entry.get(scoreField)).isEmpty()) {
        continue;
      }
      scored.add(entry);
      String source = json.string(entry.get(sourceField)).orElse("");
      if (preferredSource != null
          && source.toUpperCase(Locale.ROOT).equals(preferredSource.toUpperCase(Locale.ROOT))) {
        fromSource.add(entry);
      }
    }
    List<Doc> candidates = fromSource.isEmpty() ? scored : fromSource;
    Doc best = null;
    double bestVersion = -1;
    for (Doc entry : candidates) {
      double v = cvssVersion(json.string(entry.get(versionField)).orElse(null));
      if (v > bestVersion) {
        best = entry;
        bestVersion = v;
      }
    }
    return best == null ? null : json.number(best.get(scoreField)).orElse(null);
  }

  private static double cvssVersion(String version) {
    if (version == null) {
      return 0;
    }
    try {
      return Double.parseDouble(version.replaceFirst("^(?i)cvss:?v?", ""));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
