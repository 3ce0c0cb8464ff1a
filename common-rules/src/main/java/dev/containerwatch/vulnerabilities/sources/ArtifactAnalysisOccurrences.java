package dev.containerwatch.vulnerabilities.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.RegistryKind;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Google Artifact Analysis (Container Analysis) scan results: Grafeas v1 occurrences, as the {@code
 * projects.occurrences.list} REST method returns them.
 *
 * <h2>Source format</h2>
 *
 * Accepted documents, in proto3 JSON (camelCase names; unset strings, false booleans, zero numbers
 * and zero enum values left out):
 *
 * <ul>
 *   <li>a {@code ListOccurrencesResponse} ({@code {"occurrences": [...], "nextPageToken": "..."}});
 *       an empty page is {@code {}} and gives no report. Pages are independent documents:
 *       concatenate the {@code occurrences} of all pages of one image to get its whole scan;
 *   <li>a single {@code Occurrence} ({@code GetOccurrence});
 *   <li>a plain array of occurrences (the {@code occurrences} of several pages merged).
 * </ul>
 *
 * Fields read from each occurrence: {@code kind}, {@code resourceUri}, {@code noteName}, {@code
 * createTime}, {@code updateTime}, and
 *
 * <ul>
 *   <li>for {@code kind: VULNERABILITY}: {@code vulnerability.severity}, {@code effectiveSeverity},
 *       {@code cvssScore}, {@code cvssv3.baseScore} and {@code packageIssue[]} with {@code
 *       affectedPackage}, {@code affectedVersion}, {@code fixedVersion}, {@code fixAvailable} and
 *       {@code effectiveSeverity};
 *   <li>for {@code kind: DISCOVERY}: {@code discovery.analysisStatus}, {@code
 *       analysisStatusError.message} and {@code lastScanTime}.
 * </ul>
 *
 * Other kinds (PACKAGE, IMAGE, BUILD, ATTESTATION, SBOM_REFERENCE, UPGRADE...) are skipped. Field
 * names and enum values were checked against the Grafeas v1 protos ({@code grafeas.v1.Occurrence},
 * {@code VulnerabilityOccurrence.PackageIssue}, {@code Version.VersionKind}, {@code
 * DiscoveryOccurrence.AnalysisStatus}, {@code grafeas.v1.Severity}) and the generated client
 * references; the discovery occurrence's {@code projects/goog-analysis/notes/PACKAGE_VULNERABILITY}
 * note against published API output.
 *
 * <h2>Mapping</h2>
 *
 * <ul>
 *   <li><b>Image</b>: one report per image, grouped by {@code resourceUri} with its scheme removed
 *       ({@code https://europe-west1-docker.pkg.dev/PROJECT/REPO/IMAGE@sha256:...} or {@code
 *       https://gcr.io/PROJECT/IMAGE@sha256:...}). Resources that are not in an Artifact Registry
 *       Docker repository or Container Registry (Maven, npm, Python, Go packages of other Artifact
 *       Registry formats, which Artifact Analysis also scans) are skipped: they are not images. An
 *       image resource without a digest is malformed: Artifact Analysis names scanned images by
 *       digest only.
 *   <li><b>Vulnerabilities</b>: the id is the last segment of {@code noteName} ({@code
 *       projects/goog-vulnz/notes/CVE-2024-6387} gives {@code CVE-2024-6387}). Each {@code
 *       packageIssue} is one vulnerability: a CVE that affects two packages of the image is two
 *       entries, as in the other scanners. An occurrence without package issues still counts once,
 *       without package.
 *   <li><b>Severity</b>: the package issue's {@code effectiveSeverity}, else the occurrence's
 *       {@code effectiveSeverity}, else its {@code severity}. The effective severity is the rating
 *       of the distribution or language ecosystem for this very package (a distribution may rate an
 *       NVD-critical CVE low for its build), and it is what the distribution's fix policy follows.
 *       {@code MINIMAL} is NEGLIGIBLE, {@code SEVERITY_UNSPECIFIED} and an absent severity UNKNOWN.
 *   <li><b>CVSS</b>: {@code cvssv3.baseScore}, else {@code cvssScore} (the note provider's score).
 *   <li><b>Versions</b>: a {@code Version} is its {@code fullName}, else {@code
 *       [epoch:]name[-revision]}. A fixed version of kind {@code MAXIMUM} means no fix yet, so no
 *       fixed version; a package issue with {@code fixAvailable: true} but no usable fixed version
 *       gets {@code (unspecified)}. Only {@code fixAvailable: true} is read: proto3 leaves false
 *       out, so its absence says nothing and the fixed version decides.
 *   <li><b>State</b>: the image's discovery occurrence (the one on the {@code
 *       PACKAGE_VULNERABILITY} note when there are several, else the most recently updated): {@code
 *       PENDING} and {@code SCANNING} are PENDING, {@code FINISHED_SUCCESS} and its alias {@code
 *       COMPLETE} are COMPLETE, {@code FINISHED_FAILED} FAILED, {@code FINISHED_UNSUPPORTED}
 *       UNSUPPORTED. An absent or {@code ANALYSIS_STATUS_UNSPECIFIED} status is PENDING: nothing
 *       says the scan finished, so the rules must not pass the image. The state reason is {@code
 *       analysisStatusError.message}, else the status name. Vulnerability occurrences without a
 *       discovery occurrence (a filter on {@code kind="VULNERABILITY"}) are a COMPLETE scan: they
 *       exist only once an analysis has produced them. Vulnerabilities found by an earlier scan are
 *       kept whatever the state: they are still the image's known findings.
 *   <li><b>Time</b>: the discovery's {@code lastScanTime}; else, for a finished analysis, the
 *       discovery occurrence's {@code updateTime} (when it finished); else the latest {@code
 *       updateTime} (or {@code createTime}) of the image's vulnerability occurrences, which the
 *       scanner rewrites whenever it re-analyses the image; else none (a pending first scan).
 * </ul>
 *
 * Any other value that cannot be read (a wrong JSON type, an unknown status or version kind, a
 * vulnerability occurrence without {@code noteName}, an image without {@code resourceUri}) is an
 * {@link dev.containerwatch.InvalidInputException} naming its path ({@code occurrences[3]}).
 */
public final class ArtifactAnalysisOccurrences {
  private static final SourceJson J = new SourceJson("Artifact Analysis occurrences");

  private static final String VULNERABILITY = "VULNERABILITY";
  private static final String DISCOVERY = "DISCOVERY";

  /** The discovery note of container vulnerability scanning. */
  private static final String PACKAGE_VULNERABILITY_NOTE = "/notes/PACKAGE_VULNERABILITY";

  private static final Set<String> VERSION_KINDS =
      Set.of("VERSION_KIND_UNSPECIFIED", "NORMAL", "MINIMUM", "MAXIMUM");

  private ArtifactAnalysisOccurrences() {}

  /**
   * True for a {@code ListOccurrencesResponse} (an object with {@code occurrences}), a single
   * occurrence (an object with {@code resourceUri}, {@code noteName} and a kind or details), or an
   * array starting with one.
   */
  public static boolean accepts(JsonNode document) {
    if (document == null) {
      return false;
    }
    if (document.isObject()) {
      return document.has("occurrences") || isOccurrence(document);
    }
    return document.isArray() && !document.isEmpty() && isOccurrence(document.get(0));
  }

  private static boolean isOccurrence(JsonNode node) {
    return node.isObject()
        && node.path("resourceUri").isTextual()
        && node.path("noteName").isTextual()
        && (node.has("kind") || node.has("vulnerability") || node.has("discovery"));
  }

  /**
   * The reports of every container image the occurrences are about, ordered by image.
   *
   * @throws dev.containerwatch.InvalidInputException naming the first value that cannot be read
   */
  public static List<VulnerabilityReport> parse(JsonNode document) {
    Map<String, ImageScan> images = new LinkedHashMap<>();
    List<Entry> entries = entries(document);
    for (Entry e : entries) {
      JsonNode occ = e.node();
      String path = e.path();
      if (!occ.isObject()) {
        throw J.fail(path + " is not an object");
      }
      String kind = J.text(occ, "kind", path);
      if (kind == null) {
        // kind is always set by the API; a hand-made document may carry only the details.
        kind = occ.has("vulnerability") ? VULNERABILITY : occ.has("discovery") ? DISCOVERY : null;
      }
      if (!VULNERABILITY.equals(kind) && !DISCOVERY.equals(kind)) {
        continue;
      }
      String uri = J.text(occ, "resourceUri", path);
      if (uri == null) {
        throw J.fail(path + " has no resourceUri");
      }
      ImageRef image = image(uri, SourceJson.at(path, "resourceUri"));
      if (image == null) {
        continue;
      }
      ImageScan scan = images.computeIfAbsent(image.canonical(), k -> new ImageScan(image));
      Instant updated = J.instant(occ, "updateTime", path);
      Instant created = J.instant(occ, "createTime", path);
      Instant changed = updated != null ? updated : created;
      if (VULNERABILITY.equals(kind)) {
        scan.vulnerabilities.addAll(vulnerabilities(occ, path));
        if (changed != null
            && (scan.latestVulnerability == null || changed.isAfter(scan.latestVulnerability))) {
          scan.latestVulnerability = changed;
        }
      } else {
        scan.offerDiscovery(new Discovery(occ, path, changed));
      }
    }
    List<VulnerabilityReport> reports = new ArrayList<>();
    for (ImageScan scan : images.values()) {
      reports.add(scan.report());
    }
    return SourceJson.sorted(reports);
  }

  private record Entry(String path, JsonNode node) {}

  private static List<Entry> entries(JsonNode document) {
    List<Entry> out = new ArrayList<>();
    if (document == null || document.isNull() || document.isMissingNode()) {
      throw J.fail("the document is empty");
    }
    if (document.isArray()) {
      for (int i = 0; i < document.size(); i++) {
        out.add(new Entry("[" + i + "]", document.get(i)));
      }
      return out;
    }
    if (!document.isObject()) {
      throw J.fail("the document is neither an object nor an array");
    }
    if (document.has("occurrences")) {
      JsonNode list = J.array(document, "occurrences", "");
      if (list != null) {
        for (int i = 0; i < list.size(); i++) {
          out.add(new Entry("occurrences[" + i + "]", list.get(i)));
        }
      }
      return out;
    }
    if (document.has("resourceUri") || document.has("kind") || document.has("noteName")) {
      out.add(new Entry("occurrence", document));
      return out;
    }
    // {} is an empty ListOccurrences page (proto3 leaves out the empty list); a last page may
    // carry only a token.
    for (var field : document.properties()) {
      if (!field.getKey().equals("nextPageToken")) {
        throw J.fail("the document is neither a ListOccurrences response nor an occurrence");
      }
    }
    return out;
  }

  /** The image of a resource URI, or null when the resource is not a container image. */
  private static ImageRef image(String uri, String path) {
    String reference = uri;
    int scheme = reference.indexOf("://");
    if (scheme >= 0) {
      reference = reference.substring(scheme + 3);
    }
    int slash = reference.indexOf('/');
    String host = slash < 0 ? reference : reference.substring(0, slash);
    if (RegistryKind.ofHost(host) != RegistryKind.ARTIFACT_REGISTRY) {
      return null;
    }
    ImageRef image = J.image(reference, path);
    if (image.digest() == null) {
      throw J.fail(path + " '" + uri + "' names no image digest");
    }
    // Artifact Analysis names images by digest alone: no tag belongs to the identity.
    return image.tag() == null
        ? image
        : new ImageRef(image.registry(), image.repository(), null, image.digest());
  }

  private static List<Vulnerability> vulnerabilities(JsonNode occ, String path) {
    String noteName = J.text(occ, "noteName", path);
    if (noteName == null) {
      throw J.fail(path + " has no noteName");
    }
    String id = noteName.substring(noteName.lastIndexOf('/') + 1);
    if (id.isEmpty()) {
      throw J.fail(SourceJson.at(path, "noteName") + " '" + noteName + "' names no note");
    }
    String vPath = SourceJson.at(path, "vulnerability");
    JsonNode v = J.object(occ, "vulnerability", path);
    if (v == null) {
      throw J.fail(path + " (VULNERABILITY) has no vulnerability details");
    }
    String occurrenceSeverity = J.text(v, "effectiveSeverity", vPath);
    if (occurrenceSeverity == null) {
      occurrenceSeverity = J.text(v, "severity", vPath);
    }
    JsonNode cvssv3 = J.object(v, "cvssv3", vPath);
    Double cvss = J.number(cvssv3, "baseScore", SourceJson.at(vPath, "cvssv3"));
    String cvssPath = SourceJson.at(vPath, "cvssv3.baseScore");
    if (cvss == null || cvss == 0.0) {
      cvss = J.number(v, "cvssScore", vPath);
      cvssPath = SourceJson.at(vPath, "cvssScore");
    }
    cvss = J.score(cvss, cvssPath);

    List<Vulnerability> out = new ArrayList<>();
    JsonNode issues = J.array(v, "packageIssue", vPath);
    if (issues == null || issues.isEmpty()) {
      out.add(
          new Vulnerability(
              id, VulnerabilitySeverity.parse(occurrenceSeverity), cvss, null, null, null));
      return out;
    }
    for (int i = 0; i < issues.size(); i++) {
      String iPath = SourceJson.at(vPath, "packageIssue") + "[" + i + "]";
      JsonNode issue = issues.get(i);
      if (!issue.isObject()) {
        throw J.fail(iPath + " is not an object");
      }
      String severity = J.text(issue, "effectiveSeverity", iPath);
      if (severity == null) {
        severity = occurrenceSeverity;
      }
      String installed =
          version(
              J.object(issue, "affectedVersion", iPath), SourceJson.at(iPath, "affectedVersion"));
      String fixed =
          version(J.object(issue, "fixedVersion", iPath), SourceJson.at(iPath, "fixedVersion"));
      if (fixed == null && Boolean.TRUE.equals(J.bool(issue, "fixAvailable", iPath))) {
        fixed = SourceJson.UNSPECIFIED_FIX;
      }
      out.add(
          new Vulnerability(
              id,
              VulnerabilitySeverity.parse(severity),
              cvss,
              J.text(issue, "affectedPackage", iPath),
              installed,
              fixed));
    }
    return out;
  }

  /** A Grafeas {@code Version} as text; null for none or for {@code MAXIMUM} ("no fix yet"). */
  private static String version(JsonNode version, String path) {
    if (version == null) {
      return null;
    }
    String kind = J.text(version, "kind", path);
    if (kind != null && !VERSION_KINDS.contains(kind)) {
      throw J.fail(SourceJson.at(path, "kind") + " '" + kind + "' is not a version kind");
    }
    if ("MAXIMUM".equals(kind)) {
      return null;
    }
    String fullName = J.text(version, "fullName", path);
    if (fullName != null) {
      return fullName;
    }
    String name = J.text(version, "name", path);
    if (name == null) {
      return null;
    }
    Double epoch = J.number(version, "epoch", path);
    String revision = J.text(version, "revision", path);
    return (epoch != null && epoch > 0 ? epoch.intValue() + ":" : "")
        + name
        + (revision == null ? "" : "-" + revision);
  }

  /** A discovery occurrence with the values a report needs. */
  private record Discovery(JsonNode occurrence, String path, Instant changed) {
    boolean isPackageVulnerability() {
      return occurrence.path("noteName").asText("").endsWith(PACKAGE_VULNERABILITY_NOTE);
    }

    /** Prefers the package-vulnerability discovery, then the most recently changed. */
    boolean betterThan(Discovery other) {
      if (isPackageVulnerability() != other.isPackageVulnerability()) {
        return isPackageVulnerability();
      }
      if (changed == null) {
        return false;
      }
      return other.changed == null || changed.isAfter(other.changed);
    }
  }

  /** One image's occurrences while they are collected. */
  private static final class ImageScan {
    final ImageRef image;
    final List<Vulnerability> vulnerabilities = new ArrayList<>();
    Instant latestVulnerability;
    Discovery discovery;

    ImageScan(ImageRef image) {
      this.image = image;
    }

    void offerDiscovery(Discovery candidate) {
      if (discovery == null || candidate.betterThan(discovery)) {
        discovery = candidate;
      }
    }

    VulnerabilityReport report() {
      ScanState state = ScanState.COMPLETE;
      String reason = null;
      Instant scannedAt = latestVulnerability;
      if (discovery != null) {
        String dPath = SourceJson.at(discovery.path(), "discovery");
        JsonNode d = J.object(discovery.occurrence(), "discovery", discovery.path());
        String status = J.text(d, "analysisStatus", dPath);
        state = state(status, dPath);
        if (state != ScanState.COMPLETE) {
          JsonNode error = J.object(d, "analysisStatusError", dPath);
          reason = J.text(error, "message", SourceJson.at(dPath, "analysisStatusError"));
          if (reason == null) {
            reason = status == null ? "ANALYSIS_STATUS_UNSPECIFIED" : status;
          }
        }
        Instant lastScan = J.instant(d, "lastScanTime", dPath);
        if (lastScan != null) {
          scannedAt = lastScan;
        } else if (state != ScanState.PENDING && discovery.changed() != null) {
          // A finished analysis (complete, failed, unsupported) last changed when it finished;
          // a pending one has not finished anything.
          scannedAt = discovery.changed();
        }
      }
      return new VulnerabilityReport(
          image,
          Scanner.ARTIFACT_ANALYSIS,
          scannedAt,
          state,
          reason,
          SourceJson.finish(vulnerabilities),
          Map.of());
    }
  }

  private static ScanState state(String status, String path) {
    if (status == null) {
      return ScanState.PENDING;
    }
    switch (status) {
      case "ANALYSIS_STATUS_UNSPECIFIED":
      case "PENDING":
      case "SCANNING":
        return ScanState.PENDING;
      case "FINISHED_SUCCESS":
      case "COMPLETE":
        return ScanState.COMPLETE;
      case "FINISHED_FAILED":
        return ScanState.FAILED;
      case "FINISHED_UNSUPPORTED":
        return ScanState.UNSUPPORTED;
      default:
        throw J.fail(
            SourceJson.at(path, "analysisStatus") + " '" + status + "' is not an analysis status");
    }
  }
}
