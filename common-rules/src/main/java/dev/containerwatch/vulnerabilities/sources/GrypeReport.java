package dev.containerwatch.vulnerabilities.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Anchore Grype's JSON report of an image scan ({@code grype IMAGE -o json}).
 *
 * <h2>Source format</h2>
 *
 * Checked against Grype's presenter models ({@code Document}, {@code Match}, {@code Vulnerability},
 * {@code Fix}, {@code descriptor}) and its JSON presenter snapshots. Fields read: {@code
 * source.type}, {@code source.target{userInput, tags, repoDigests}}, {@code descriptor.timestamp}
 * and {@code matches[]} with {@code vulnerability{id, severity, cvss[], fix{versions, state}}},
 * {@code relatedVulnerabilities[]{id, cvss[]}} and {@code artifact{name, version}}. {@code
 * ignoredMatches} (what the user's ignore rules removed) are not findings and are not read.
 *
 * <h2>Mapping</h2>
 *
 * <ul>
 *   <li><b>Image</b>: one report. {@code source.type} must be {@code image} (directory, file and
 *       SBOM scans are not image reports). {@code source.target.userInput} names the image, with a
 *       source scheme ({@code docker:}, {@code podman:}, {@code registry:}, {@code containerd:})
 *       removed; for an archive input ({@code docker-archive:}, {@code oci-archive:}, {@code
 *       oci-dir:}, {@code singularity:}) the first of {@code tags}, else of {@code repoDigests},
 *       names it. The digest is the reference's own, else that of the {@code repoDigests} entry of
 *       the same repository, chosen the same way as for Trivy. {@code manifestDigest} is not used:
 *       for a multi-platform image it is the platform manifest's digest, not the one the registry
 *       lists under the tag, and for an image from the local daemon it is not a registry digest at
 *       all. Without a repository digest the report names the image by tag.
 *   <li><b>Id</b>: the match's {@code vulnerability.id} when it is a CVE. When it is a GHSA or a
 *       distribution advisory ({@code ALAS-...}, {@code ELSA-...}) and {@code
 *       relatedVulnerabilities} names exactly one CVE, that CVE: every other scanner here reports
 *       by CVE, and the same flaw must have the same id whoever found it. An advisory related to
 *       several CVEs (or none) keeps its own id, since no single CVE names it.
 *   <li><b>Severity</b>: {@code vulnerability.severity} of the match, even when the id is the
 *       related CVE's: it is the rating of the record that matched this package (a distribution's
 *       or GitHub's), which Grype itself reports. Grype's {@code Negligible} is NEGLIGIBLE.
 *   <li><b>CVSS</b>: the v3 base score ({@code cvss[]} with a {@code version} of 3.x, a {@code
 *       Primary} entry first) of the record the id names, else of the match's record.
 *   <li><b>Fix</b>: {@code fix.state} {@code fixed} gives {@code fix.versions} joined with ", "
 *       (Grype lists one per release line, sorted, as its table output joins them), or {@code
 *       (unspecified)} when the list is empty; {@code not-fixed}, {@code wont-fix}, {@code unknown}
 *       and an empty state give no fixed version. Another state is malformed.
 *   <li><b>State and time</b>: a Grype report exists only for a finished scan: COMPLETE, at {@code
 *       descriptor.timestamp}.
 * </ul>
 */
public final class GrypeReport {
  private static final SourceJson J = new SourceJson("Grype report");

  /** Grype's {@code vulnerability.FixState} values; older reports leave the state empty. */
  private static final Set<String> FIX_STATES = Set.of("fixed", "not-fixed", "wont-fix", "unknown");

  /** Input schemes that name an image by reference. */
  private static final List<String> REFERENCE_SCHEMES =
      List.of("docker:", "podman:", "registry:", "containerd:");

  /** Input schemes that name a file or directory holding an image. */
  private static final List<String> ARCHIVE_SCHEMES =
      List.of("docker-archive:", "oci-archive:", "oci-dir:", "singularity:", "dir:", "file:");

  private GrypeReport() {}

  /**
   * True for an object with Grype's {@code matches} and either its {@code source} or a {@code
   * descriptor} naming Grype.
   */
  public static boolean accepts(JsonNode document) {
    return document != null
        && document.isObject()
        && document.has("matches")
        && (document.path("source").isObject()
            || "grype".equals(document.path("descriptor").path("name").asText("")));
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
    ImageRef image = image(document);
    List<Vulnerability> found = new ArrayList<>();
    JsonNode matches = J.array(document, "matches", "");
    for (int m = 0; matches != null && m < matches.size(); m++) {
      found.add(vulnerability(matches.get(m), "matches[" + m + "]"));
    }
    JsonNode descriptor = J.object(document, "descriptor", "");
    return List.of(
        VulnerabilityReport.complete(
            image,
            Scanner.GRYPE,
            J.instant(descriptor, "timestamp", "descriptor"),
            SourceJson.finish(found)));
  }

  private static ImageRef image(JsonNode document) {
    JsonNode source = J.requiredObject(document, "source", "");
    String type = J.requiredText(source, "type", "source");
    if (!type.equals("image")) {
      throw J.fail("source.type '" + type + "' is not an image");
    }
    JsonNode target = J.requiredObject(source, "target", "source");
    String input = J.text(target, "userInput", "source.target");
    String reference = input;
    if (reference != null) {
      String lower = reference.toLowerCase(Locale.ROOT);
      for (String scheme : ARCHIVE_SCHEMES) {
        if (lower.startsWith(scheme)) {
          reference = null;
          break;
        }
      }
    }
    if (reference != null) {
      for (String scheme : REFERENCE_SCHEMES) {
        // "registry:5000/app" is a host named registry with a port, not a scheme.
        if (reference.startsWith(scheme)
            && reference.length() > scheme.length()
            && !Character.isDigit(reference.charAt(scheme.length()))) {
          reference = reference.substring(scheme.length());
          break;
        }
      }
    }
    List<String> tags = J.texts(target, "tags", "source.target");
    List<String> digests = J.texts(target, "repoDigests", "source.target");
    ImageRef image =
        J.resolveImage(
            reference,
            "source.target.userInput",
            tags,
            "source.target.tags",
            digests,
            "source.target.repoDigests");
    if (image == null) {
      throw J.fail(
          input == null
              ? "source.target has no userInput, tags or repoDigests"
              : "source.target.userInput '"
                  + input
                  + "' is not an image reference and source.target has no tags or repoDigests");
    }
    return image;
  }

  private static Vulnerability vulnerability(JsonNode match, String path) {
    if (!match.isObject()) {
      throw J.fail(path + " is not an object");
    }
    String vPath = SourceJson.at(path, "vulnerability");
    JsonNode v = J.requiredObject(match, "vulnerability", path);
    String id = J.text(v, "id", vPath);
    if (id == null) {
      throw J.fail(vPath + " has no id");
    }
    Double cvss = null;
    if (!isCve(id)) {
      String rPath = SourceJson.at(path, "relatedVulnerabilities");
      JsonNode related = J.array(match, "relatedVulnerabilities", path);
      Set<String> cves = new LinkedHashSet<>();
      JsonNode cveRecord = null;
      String cveRecordPath = null;
      for (int i = 0; related != null && i < related.size(); i++) {
        String iPath = rPath + "[" + i + "]";
        JsonNode r = related.get(i);
        if (!r.isObject()) {
          throw J.fail(iPath + " is not an object");
        }
        String relatedId = J.text(r, "id", iPath);
        if (relatedId != null && isCve(relatedId)) {
          if (cves.add(relatedId.toUpperCase(Locale.ROOT)) && cveRecord == null) {
            cveRecord = r;
            cveRecordPath = iPath;
          }
        }
      }
      if (cves.size() == 1) {
        id = cves.iterator().next();
        cvss = cvss(cveRecord, cveRecordPath);
      }
    }
    if (cvss == null) {
      cvss = cvss(v, vPath);
    }
    String aPath = SourceJson.at(path, "artifact");
    JsonNode artifact = J.object(match, "artifact", path);
    return new Vulnerability(
        id,
        VulnerabilitySeverity.parse(J.text(v, "severity", vPath)),
        cvss,
        J.text(artifact, "name", aPath),
        J.text(artifact, "version", aPath),
        fixed(v, vPath));
  }

  private static boolean isCve(String id) {
    return id.toUpperCase(Locale.ROOT).startsWith("CVE-");
  }

  private static String fixed(JsonNode v, String vPath) {
    String fPath = SourceJson.at(vPath, "fix");
    JsonNode fix = J.object(v, "fix", vPath);
    String state = J.text(fix, "state", fPath);
    if (state != null && !FIX_STATES.contains(state)) {
      throw J.fail(SourceJson.at(fPath, "state") + " '" + state + "' is not a Grype fix state");
    }
    List<String> versions = J.texts(fix, "versions", fPath);
    if (!"fixed".equals(state)) {
      return null;
    }
    return versions.isEmpty() ? SourceJson.UNSPECIFIED_FIX : String.join(", ", versions);
  }

  /** The v3 base score among a record's {@code cvss[]}, a Primary entry first; or null. */
  private static Double cvss(JsonNode record, String path) {
    String cPath = SourceJson.at(path, "cvss");
    JsonNode list = J.array(record, "cvss", path);
    Double any = null;
    for (int i = 0; list != null && i < list.size(); i++) {
      String iPath = cPath + "[" + i + "]";
      JsonNode entry = list.get(i);
      if (!entry.isObject()) {
        throw J.fail(iPath + " is not an object");
      }
      String version = J.text(entry, "version", iPath);
      if (version == null || !version.startsWith("3")) {
        continue;
      }
      String mPath = SourceJson.at(iPath, "metrics");
      JsonNode metrics = J.object(entry, "metrics", iPath);
      Double score = J.score(J.number(metrics, "baseScore", mPath), mPath + ".baseScore");
      if (score == null) {
        continue;
      }
      if ("Primary".equalsIgnoreCase(J.text(entry, "type", iPath))) {
        return score;
      }
      if (any == null) {
        any = score;
      }
    }
    return any;
  }
}
