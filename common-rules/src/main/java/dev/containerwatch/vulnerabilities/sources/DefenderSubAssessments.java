package dev.containerwatch.vulnerabilities.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft Defender for Cloud registry image vulnerability findings: the security sub-assessments
 * of the "container registry images should have vulnerability findings resolved" assessments, as
 * Azure Resource Graph returns them from the {@code securityresources} table.
 *
 * <h2>Source format</h2>
 *
 * Accepted documents:
 *
 * <ul>
 *   <li>the Resource Graph REST response, {@code {"totalRecords": n, "count": n, "data": [...]}}
 *       (result format {@code objectArray}, the default) or {@code {"data": {"columns": [{"name",
 *       "type"}], "rows": [[...]]}}} (result format {@code table});
 *   <li>a plain array of rows, as the Defender for Cloud documentation prints query results;
 *   <li>the ARM {@code SubAssessments_List} response ({@code {"value": [...], "nextLink"}}), whose
 *       elements have the same shape.
 * </ul>
 *
 * A row is a sub-assessment when its {@code type} is {@code
 * microsoft.security/assessments/subassessments} (any case), or, for a query that projected {@code
 * type} away, when its {@code id} contains {@code /subassessments/}; other rows (the parent
 * assessments, other tables) are skipped. The parent assessment key comes from an {@code
 * assessmentKey} column when the query extended one, else from {@code
 * .../providers/Microsoft.Security/assessments/KEY/subassessments/...} in {@code id}. Keys verified
 * against the Defender for Cloud documentation ("Container vulnerability assessments REST API") and
 * Microsoft's own Resource Graph queries:
 *
 * <ul>
 *   <li>{@code c0b7cfc6-3172-465a-b378-53c7ff2cc0d5} (Azure registries), {@code
 *       c27441ae-775c-45be-8ffa-655de37362ce} (AWS ECR) and {@code
 *       5cc3a2c1-8397-456f-8792-fe9d0d4c9145} (GCP Artifact Registry): vulnerability assessment
 *       powered by Microsoft Defender Vulnerability Management, scanner DEFENDER_MDVM, {@code
 *       additionalData.assessedResourceType} {@code Azure|Aws|GcpContainerRegistryVulnerability};
 *   <li>{@code dbd0cb49-b563-45e7-9724-889e799fa648}: the retired Qualys-powered assessment,
 *       scanner DEFENDER_QUALYS, {@code assessedResourceType: ContainerRegistryVulnerability}.
 * </ul>
 *
 * Rows of any other parent assessment (SQL, servers, running containers) are skipped. Fields read
 * from {@code properties}: {@code id}, {@code status.code}, {@code status.severity}, {@code
 * timeGenerated} and {@code additionalData}:
 *
 * <ul>
 *   <li>MDVM ({@code AzureContainerRegistryVulnerability} and its AWS / GCP twins, shape from the
 *       documentation's query results): {@code artifactDetails{registryHost, repositoryName,
 *       digest, tags}}, {@code softwareDetails{packageName, version, fixedVersion, fixStatus}},
 *       {@code vulnerabilityDetails{cveId, severity, cvss{"3.0": {base}}}} and {@code
 *       cvssV30Score};
 *   <li>Qualys ({@code ContainerRegistryVulnerabilityProperties} of the {@code 2019-01-01-preview}
 *       REST API specification): {@code imageDigest}, {@code repositoryName}, {@code registryHost}
 *       when present, {@code patchable}, {@code cve[{title, link}]} and {@code cvss{"3.0":
 *       {base}}}.
 * </ul>
 *
 * <h2>Mapping</h2>
 *
 * <ul>
 *   <li><b>Image</b>: rows are grouped by scanner and image ({@code registryHost/repositoryName}
 *       and digest): one report each. The tag is the first of {@code artifactDetails.tags} of the
 *       first row, for display only. Qualys rows carry no registry host in the specification; it is
 *       taken from {@code registryHost} when a row has it, else from the registry named in the
 *       row's {@code id} ({@code .../Microsoft.ContainerRegistry/registries/NAME/...} gives {@code
 *       NAME.azurecr.io}, the public-cloud suffix: sovereign-cloud rows need {@code registryHost}).
 *   <li><b>Status</b>: {@code Unhealthy} rows are the image's vulnerabilities. {@code Healthy} rows
 *       ("no such vulnerability" any more) and {@code NotApplicable} rows (an exempted finding or a
 *       disabled parent assessment) are left out of the list, but they still prove the image was
 *       scanned: an image with only such rows is a clean, complete report. Any other status code is
 *       malformed.
 *   <li><b>State</b>: always COMPLETE. Defender publishes sub-assessments only for finished scans
 *       and has no pending, failed or unsupported state here; an image that was not scanned has no
 *       rows at all.
 *   <li><b>Time</b>: the latest {@code timeGenerated} among the image's rows.
 *   <li><b>MDVM vulnerability</b>: id {@code properties.id}, else {@code
 *       vulnerabilityDetails.cveId}; severity {@code status.severity}, else {@code
 *       vulnerabilityDetails.severity} (the status severity is the one the recommendation counts);
 *       CVSS {@code cvssV30Score}, else {@code vulnerabilityDetails.cvss["3.0"].base}; package,
 *       installed and fixed version from {@code softwareDetails}. {@code fixStatus}: {@code
 *       FixAvailable} gives the fixed version, or {@code (unspecified)} when Defender left it empty
 *       (its own documentation shows such rows); {@code NoFixAvailable}, {@code WontFix} and {@code
 *       Scheduled} (a fix announced, not released) give none; {@code Unknown} or no status gives
 *       the fixed version if one is there. Another value is malformed.
 *   <li><b>Qualys vulnerability</b>: one per row, as Defender counts them. A row is a Qualys QID
 *       (an advisory, possibly covering several CVEs, with no package details): its id is the CVE
 *       when the row lists exactly one in {@code cve[].title}, else {@code QID-} and the Qualys id,
 *       since no single CVE names it. Severity {@code status.severity}; CVSS {@code
 *       cvss["3.0"].base}; {@code patchable: true} gives the fixed version {@code (unspecified)}.
 * </ul>
 */
public final class DefenderSubAssessments {
  private static final SourceJson J = new SourceJson("Defender sub-assessments");

  private static final String SUBASSESSMENT_TYPE = "microsoft.security/assessments/subassessments";

  private static final Map<String, Scanner> ASSESSMENT_KEYS =
      Map.of(
          "c0b7cfc6-3172-465a-b378-53c7ff2cc0d5", Scanner.DEFENDER_MDVM,
          "c27441ae-775c-45be-8ffa-655de37362ce", Scanner.DEFENDER_MDVM,
          "5cc3a2c1-8397-456f-8792-fe9d0d4c9145", Scanner.DEFENDER_MDVM,
          "dbd0cb49-b563-45e7-9724-889e799fa648", Scanner.DEFENDER_QUALYS);

  private static final Pattern PARENT_KEY =
      Pattern.compile(
          "/providers/microsoft\\.security/assessments/([^/]+)/subassessments/",
          Pattern.CASE_INSENSITIVE);

  private static final Pattern REGISTRY_NAME =
      Pattern.compile(
          "/providers/microsoft\\.containerregistry/registries/([^/]+)", Pattern.CASE_INSENSITIVE);

  private static final Set<String> FIX_STATUSES =
      Set.of("fixavailable", "nofixavailable", "wontfix", "scheduled", "unknown");

  private DefenderSubAssessments() {}

  /**
   * True when the document is one of the accepted response forms and one of its first rows is a
   * security sub-assessment.
   */
  public static boolean accepts(JsonNode document) {
    if (document == null) {
      return false;
    }
    JsonNode rows = null;
    if (document.isArray()) {
      rows = document;
    } else if (document.isObject() && document.path("data").isArray()) {
      rows = document.get("data");
    } else if (document.isObject() && document.path("value").isArray()) {
      rows = document.get("value");
    } else if (document.isObject() && document.path("data").isObject()) {
      JsonNode columns = document.get("data").path("columns");
      for (JsonNode c : columns) {
        String name = c.path("name").asText("");
        if (name.equalsIgnoreCase("type") || name.equalsIgnoreCase("id")) {
          for (JsonNode row : document.get("data").path("rows")) {
            for (JsonNode cell : row) {
              if (looksLikeSubassessment(cell.asText(""))) {
                return true;
              }
            }
          }
        }
      }
      return false;
    }
    if (rows == null) {
      return false;
    }
    int checked = 0;
    for (JsonNode row : rows) {
      if (looksLikeSubassessment(row.path("type").asText(""))
          || looksLikeSubassessment(row.path("id").asText(""))) {
        return true;
      }
      if (++checked == 20) {
        break;
      }
    }
    return false;
  }

  private static boolean looksLikeSubassessment(String typeOrId) {
    String s = typeOrId.toLowerCase(Locale.ROOT);
    return s.equals(SUBASSESSMENT_TYPE) || s.contains("/subassessments/");
  }

  /**
   * One report per scanner and image among the rows, ordered by image.
   *
   * @throws dev.containerwatch.InvalidInputException naming the first value that cannot be read
   */
  public static List<VulnerabilityReport> parse(JsonNode document) {
    Map<String, ImageFindings> images = new LinkedHashMap<>();
    for (Row row : rows(document)) {
      JsonNode node = row.node();
      String path = row.path();
      if (!node.isObject()) {
        throw J.fail(path + " is not an object");
      }
      String type = J.text(node, "type", path);
      String id = J.text(node, "id", path);
      boolean subassessment =
          type != null
              ? type.equalsIgnoreCase(SUBASSESSMENT_TYPE)
              : id != null && id.toLowerCase(Locale.ROOT).contains("/subassessments/");
      if (!subassessment) {
        continue;
      }
      String key = J.text(node, "assessmentKey", path);
      if (key == null && id != null) {
        Matcher m = PARENT_KEY.matcher(id);
        key = m.find() ? m.group(1) : null;
      }
      if (key == null) {
        throw J.fail(path + " has no id naming its parent assessment");
      }
      Scanner scanner = ASSESSMENT_KEYS.get(key.toLowerCase(Locale.ROOT));
      if (scanner == null) {
        continue;
      }
      String pPath = SourceJson.at(path, "properties");
      JsonNode props = J.requiredObject(node, "properties", path);
      JsonNode status = J.requiredObject(props, "status", pPath);
      String sPath = SourceJson.at(pPath, "status");
      String code = J.requiredText(status, "code", sPath);
      boolean unhealthy;
      if (code.equalsIgnoreCase("Unhealthy")) {
        unhealthy = true;
      } else if (code.equalsIgnoreCase("Healthy") || code.equalsIgnoreCase("NotApplicable")) {
        unhealthy = false;
      } else {
        throw J.fail(
            SourceJson.at(sPath, "code")
                + " '"
                + code
                + "' is not Healthy, Unhealthy or NotApplicable");
      }
      String aPath = SourceJson.at(pPath, "additionalData");
      JsonNode additional = J.requiredObject(props, "additionalData", pPath);
      ImageRef image =
          scanner == Scanner.DEFENDER_QUALYS
              ? qualysImage(additional, aPath, id, path)
              : mdvmImage(additional, aPath);
      ImageFindings findings =
          images.computeIfAbsent(
              scanner.key() + " " + image.canonical(), k -> new ImageFindings(image, scanner));
      findings.seen(J.instant(props, "timeGenerated", pPath));
      if (unhealthy) {
        findings.vulnerabilities.add(
            scanner == Scanner.DEFENDER_QUALYS
                ? qualysVulnerability(props, pPath, status, sPath, additional, aPath)
                : mdvmVulnerability(props, pPath, status, sPath, additional, aPath));
      }
    }
    List<VulnerabilityReport> reports = new ArrayList<>();
    for (ImageFindings f : images.values()) {
      reports.add(
          new VulnerabilityReport(
              f.image,
              f.scanner,
              f.latest,
              ScanState.COMPLETE,
              null,
              SourceJson.finish(f.vulnerabilities),
              Map.of()));
    }
    return SourceJson.sorted(reports);
  }

  private record Row(String path, JsonNode node) {}

  private static List<Row> rows(JsonNode document) {
    if (document == null || document.isNull() || document.isMissingNode()) {
      throw J.fail("the document is empty");
    }
    if (document.isArray()) {
      return elements(document, "");
    }
    if (!document.isObject()) {
      throw J.fail("the document is neither an object nor an array");
    }
    if (document.has("data")) {
      JsonNode data = document.get("data");
      if (data.isArray()) {
        return elements(data, "data");
      }
      if (data.isObject() && data.has("columns") && data.has("rows")) {
        return table(data);
      }
      throw J.fail("data is neither an array of rows nor a table of columns and rows");
    }
    if (document.has("value")) {
      return elements(J.array(document, "value", ""), "value");
    }
    throw J.fail("the document has no data (Resource Graph) or value (sub-assessments list)");
  }

  private static List<Row> elements(JsonNode array, String path) {
    List<Row> out = new ArrayList<>();
    if (array != null) {
      for (int i = 0; i < array.size(); i++) {
        out.add(new Row(path + "[" + i + "]", array.get(i)));
      }
    }
    return out;
  }

  /** The rows of a {@code table} result as objects keyed by column name. */
  private static List<Row> table(JsonNode data) {
    JsonNode columns = J.array(data, "columns", "data");
    JsonNode rows = J.array(data, "rows", "data");
    List<String> names = new ArrayList<>();
    for (int c = 0; columns != null && c < columns.size(); c++) {
      names.add(J.requiredText(columns.get(c), "name", "data.columns[" + c + "]"));
    }
    List<Row> out = new ArrayList<>();
    for (int r = 0; rows != null && r < rows.size(); r++) {
      String path = "data.rows[" + r + "]";
      JsonNode cells = rows.get(r);
      if (!cells.isArray()) {
        throw J.fail(path + " is not an array");
      }
      if (cells.size() != names.size()) {
        throw J.fail(path + " has " + cells.size() + " cells for " + names.size() + " columns");
      }
      ObjectNode row = JsonNodeFactory.instance.objectNode();
      for (int c = 0; c < names.size(); c++) {
        row.set(names.get(c), cells.get(c));
      }
      out.add(new Row(path, row));
    }
    return out;
  }

  private static ImageRef mdvmImage(JsonNode additional, String aPath) {
    String artPath = SourceJson.at(aPath, "artifactDetails");
    JsonNode artifact = J.requiredObject(additional, "artifactDetails", aPath);
    String host = J.requiredText(artifact, "registryHost", artPath);
    String repository = J.requiredText(artifact, "repositoryName", artPath);
    String digest = J.requiredText(artifact, "digest", artPath);
    List<String> tags = J.texts(artifact, "tags", artPath);
    String reference =
        host + "/" + repository + (tags.isEmpty() ? "" : ":" + tags.get(0)) + "@" + digest;
    return J.image(reference, artPath);
  }

  private static ImageRef qualysImage(JsonNode additional, String aPath, String id, String path) {
    String repository = J.requiredText(additional, "repositoryName", aPath);
    String digest = J.requiredText(additional, "imageDigest", aPath);
    String host = J.text(additional, "registryHost", aPath);
    if (host == null && id != null) {
      Matcher m = REGISTRY_NAME.matcher(id);
      if (m.find()) {
        host = m.group(1).toLowerCase(Locale.ROOT) + ".azurecr.io";
      }
    }
    if (host == null) {
      throw J.fail(path + " names no registry (no additionalData.registryHost, no registry in id)");
    }
    return J.image(host + "/" + repository + "@" + digest, aPath);
  }

  private static Vulnerability mdvmVulnerability(
      JsonNode props,
      String pPath,
      JsonNode status,
      String sPath,
      JsonNode additional,
      String aPath) {
    String vdPath = SourceJson.at(aPath, "vulnerabilityDetails");
    JsonNode details = J.object(additional, "vulnerabilityDetails", aPath);
    String id = J.text(props, "id", pPath);
    if (id == null) {
      id = J.text(details, "cveId", vdPath);
    }
    if (id == null) {
      throw J.fail(pPath + " has no id (nor vulnerabilityDetails.cveId)");
    }
    String severity = J.text(status, "severity", sPath);
    if (severity == null) {
      severity = J.text(details, "severity", vdPath);
    }
    Double cvss = J.score(J.number(additional, "cvssV30Score", aPath), aPath + ".cvssV30Score");
    if (cvss == null) {
      cvss = cvss3(details, vdPath);
    }
    String swPath = SourceJson.at(aPath, "softwareDetails");
    JsonNode software = J.object(additional, "softwareDetails", aPath);
    String fixedVersion = J.text(software, "fixedVersion", swPath);
    String fixStatus = J.text(software, "fixStatus", swPath);
    String fixed = fixedVersion;
    if (fixStatus != null) {
      String s = fixStatus.toLowerCase(Locale.ROOT);
      if (!FIX_STATUSES.contains(s)) {
        throw J.fail(
            SourceJson.at(swPath, "fixStatus")
                + " '"
                + fixStatus
                + "' is not a Defender fix status");
      }
      switch (s) {
        case "fixavailable":
          fixed = fixedVersion != null ? fixedVersion : SourceJson.UNSPECIFIED_FIX;
          break;
        case "nofixavailable":
        case "wontfix":
        case "scheduled":
          fixed = null;
          break;
        default:
          break;
      }
    }
    return new Vulnerability(
        id,
        VulnerabilitySeverity.parse(severity),
        cvss,
        J.text(software, "packageName", swPath),
        J.text(software, "version", swPath),
        fixed);
  }

  private static Vulnerability qualysVulnerability(
      JsonNode props,
      String pPath,
      JsonNode status,
      String sPath,
      JsonNode additional,
      String aPath) {
    String qid = J.text(props, "id", pPath);
    if (qid == null) {
      throw J.fail(pPath + " has no id");
    }
    Set<String> cves = new LinkedHashSet<>();
    JsonNode cveList = J.array(additional, "cve", aPath);
    for (int i = 0; cveList != null && i < cveList.size(); i++) {
      String cPath = SourceJson.at(aPath, "cve") + "[" + i + "]";
      JsonNode cve = cveList.get(i);
      if (!cve.isObject()) {
        throw J.fail(cPath + " is not an object");
      }
      String title = J.text(cve, "title", cPath);
      if (title != null && title.toUpperCase(Locale.ROOT).startsWith("CVE-")) {
        cves.add(title.toUpperCase(Locale.ROOT));
      }
    }
    String id = cves.size() == 1 ? cves.iterator().next() : "QID-" + qid;
    Boolean patchable = J.bool(additional, "patchable", aPath);
    return new Vulnerability(
        id,
        VulnerabilitySeverity.parse(J.text(status, "severity", sPath)),
        cvss3(additional, aPath),
        null,
        null,
        Boolean.TRUE.equals(patchable) ? SourceJson.UNSPECIFIED_FIX : null);
  }

  /** {@code cvss["3.0"].base} of a details object, or null. */
  private static Double cvss3(JsonNode parent, String path) {
    String cPath = SourceJson.at(path, "cvss");
    JsonNode cvss = J.object(parent, "cvss", path);
    JsonNode v3 = J.object(cvss, "3.0", cPath);
    String v3Path = cPath + "[\"3.0\"]";
    return J.score(J.number(v3, "base", v3Path), v3Path + ".base");
  }

  /** One image's rows while they are collected. */
  private static final class ImageFindings {
    final ImageRef image;
    final Scanner scanner;
    final List<Vulnerability> vulnerabilities = new ArrayList<>();
    Instant latest;

    ImageFindings(ImageRef image, Scanner scanner) {
      this.image = image;
      this.scanner = scanner;
    }

    void seen(Instant generated) {
      if (generated != null && (latest == null || generated.isAfter(latest))) {
        latest = generated;
      }
    }
  }
}
