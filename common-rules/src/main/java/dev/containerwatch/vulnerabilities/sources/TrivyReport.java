package dev.containerwatch.vulnerabilities.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Aqua Trivy's JSON report of an image scan ({@code trivy image --format json IMAGE}).
 *
 * <h2>Source format</h2>
 *
 * Schema version 2 (Trivy 0.20 and later), checked against Trivy's integration test goldens and the
 * trivy-db status list. Fields read: {@code SchemaVersion}, {@code CreatedAt}, {@code
 * ArtifactName}, {@code ArtifactType}, {@code Metadata.RepoTags}, {@code Metadata.RepoDigests} and
 * {@code Results[].Vulnerabilities[]} with {@code VulnerabilityID}, {@code PkgName}, {@code
 * InstalledVersion}, {@code FixedVersion}, {@code Status}, {@code Severity}, {@code SeveritySource}
 * and {@code CVSS{vendor: {V3Score}}}. Results without vulnerabilities (secrets, misconfigurations,
 * clean package lists) contribute nothing.
 *
 * <h2>Mapping</h2>
 *
 * <ul>
 *   <li><b>Image</b>: one report. {@code ArtifactName} is the image when it is a registry reference
 *       of a repository the image's {@code RepoTags} or {@code RepoDigests} list (or when the image
 *       has none); for an archive scan ({@code --input app.tar}, where it is a file path) the first
 *       of {@code RepoTags}, else of {@code RepoDigests}, names it. The digest is the reference's
 *       own, else that of the {@code RepoDigests} entry of the same repository (a scan by tag
 *       records the digest the registry resolved it to). <b>An image that has no repository digest
 *       (built locally and never pushed, or saved without one) gets a report named by tag</b>
 *       ({@code registry/repository:tag}, digest null): the registry rules, which work per digest,
 *       cannot match it to a registry image, but the running-container rules can match it by tag.
 *       {@code ArtifactType} other than {@code container_image} (filesystem, repository, VM scans)
 *       is not an image report and is rejected.
 *   <li><b>Severity</b>: {@code Severity} (Trivy's UNKNOWN, LOW, MEDIUM, HIGH, CRITICAL).
 *   <li><b>CVSS</b>: the v3 base score of the vendor Trivy took the severity from ({@code
 *       SeveritySource}), else NVD's, else the first vendor's that has one. Only v3 scores are
 *       used, as by the other parsers: v2 and v4 scores are on different scales.
 *   <li><b>Fix</b>: {@code FixedVersion} as Trivy writes it; for language packages it may list one
 *       version per release line ({@code "2.15.0, 2.12.2"}), kept verbatim since choosing one needs
 *       the package's version scheme. A {@code fixed} status without a version gives {@code
 *       (unspecified)}; {@code affected}, {@code will_not_fix}, {@code fix_deferred}, {@code
 *       end_of_life}, {@code under_investigation} and {@code unknown} give no fixed version unless
 *       Trivy wrote one.
 *   <li><b>Status</b>: {@code not_affected} entries (a VEX statement or the vendor says the package
 *       is not affected) are not vulnerabilities and are left out; any status outside trivy-db's
 *       list is malformed.
 *   <li><b>State and time</b>: a Trivy report exists only for a finished scan, so the state is
 *       COMPLETE; the time is {@code CreatedAt} (null in reports of older Trivy versions, which do
 *       not write it).
 * </ul>
 */
public final class TrivyReport {
  private static final SourceJson J = new SourceJson("Trivy report");

  /** trivy-db's {@code types.Statuses}. */
  private static final Set<String> STATUSES =
      Set.of(
          "unknown",
          "not_affected",
          "affected",
          "fixed",
          "under_investigation",
          "will_not_fix",
          "fix_deferred",
          "end_of_life");

  private TrivyReport() {}

  /** True for an object with Trivy's {@code SchemaVersion} and {@code ArtifactName}. */
  public static boolean accepts(JsonNode document) {
    return document != null
        && document.isObject()
        && document.has("SchemaVersion")
        && document.has("ArtifactName");
  }

  /**
   * The report of the scanned image (a list of one, as for the multi-image sources).
   *
   * @throws dev.containerwatch.InvalidInputException naming the first value that cannot be read
   */
  public static List<VulnerabilityReport> parse(JsonNode document) {
    if (document == null || !document.isObject()) {
      throw J.fail("the document is not a JSON object");
    }
    Double schema = J.number(document, "SchemaVersion", "");
    if (schema == null) {
      throw J.fail("the document has no SchemaVersion");
    }
    if (schema != 2.0) {
      throw J.fail(
          "SchemaVersion "
              + document.get("SchemaVersion").asText()
              + " is not supported (only 2 is)");
    }
    String type = J.text(document, "ArtifactType", "");
    if (type != null && !type.equals("container_image")) {
      throw J.fail("ArtifactType '" + type + "' is not a container image");
    }
    ImageRef image = image(document);
    List<Vulnerability> found = new ArrayList<>();
    JsonNode results = J.array(document, "Results", "");
    for (int r = 0; results != null && r < results.size(); r++) {
      String rPath = "Results[" + r + "]";
      JsonNode result = results.get(r);
      if (!result.isObject()) {
        throw J.fail(rPath + " is not an object");
      }
      JsonNode vulns = J.array(result, "Vulnerabilities", rPath);
      for (int v = 0; vulns != null && v < vulns.size(); v++) {
        Vulnerability vulnerability =
            vulnerability(vulns.get(v), rPath + ".Vulnerabilities[" + v + "]");
        if (vulnerability != null) {
          found.add(vulnerability);
        }
      }
    }
    return List.of(
        VulnerabilityReport.complete(
            image, Scanner.TRIVY, J.instant(document, "CreatedAt", ""), SourceJson.finish(found)));
  }

  private static ImageRef image(JsonNode document) {
    String name = J.text(document, "ArtifactName", "");
    JsonNode metadata = J.object(document, "Metadata", "");
    List<String> tags = J.texts(metadata, "RepoTags", "Metadata");
    List<String> digests = J.texts(metadata, "RepoDigests", "Metadata");
    ImageRef image =
        J.resolveImage(
            name, "ArtifactName", tags, "Metadata.RepoTags", digests, "Metadata.RepoDigests");
    if (image == null) {
      throw J.fail(
          name == null
              ? "ArtifactName is missing and Metadata has no RepoTags or RepoDigests"
              : "ArtifactName '"
                  + name
                  + "' is not an image reference and Metadata has no RepoTags or RepoDigests");
    }
    return image;
  }

  /** One entry of {@code Vulnerabilities}, or null when Trivy says the package is not affected. */
  private static Vulnerability vulnerability(JsonNode v, String path) {
    if (!v.isObject()) {
      throw J.fail(path + " is not an object");
    }
    String id = J.text(v, "VulnerabilityID", path);
    if (id == null) {
      throw J.fail(path + " has no VulnerabilityID");
    }
    String status = J.text(v, "Status", path);
    if (status != null && !STATUSES.contains(status)) {
      throw J.fail(SourceJson.at(path, "Status") + " '" + status + "' is not a Trivy status");
    }
    if ("not_affected".equals(status)) {
      return null;
    }
    String fixed = J.text(v, "FixedVersion", path);
    if (fixed == null && "fixed".equals(status)) {
      fixed = SourceJson.UNSPECIFIED_FIX;
    }
    return new Vulnerability(
        id,
        VulnerabilitySeverity.parse(J.text(v, "Severity", path)),
        cvss(v, path),
        J.text(v, "PkgName", path),
        J.text(v, "InstalledVersion", path),
        fixed);
  }

  private static Double cvss(JsonNode v, String path) {
    String cPath = SourceJson.at(path, "CVSS");
    JsonNode cvss = J.object(v, "CVSS", path);
    if (cvss == null) {
      return null;
    }
    List<String> vendors = new ArrayList<>();
    String source = J.text(v, "SeveritySource", path);
    if (source != null) {
      vendors.add(source);
    }
    vendors.add("nvd");
    for (Map.Entry<String, JsonNode> e : cvss.properties()) {
      vendors.add(e.getKey());
    }
    for (String vendor : vendors) {
      String vPath = SourceJson.at(cPath, vendor);
      JsonNode scores = J.object(cvss, vendor, cPath);
      Double score = J.score(J.number(scores, "V3Score", vPath), SourceJson.at(vPath, "V3Score"));
      if (score != null) {
        return score;
      }
    }
    return null;
  }
}
