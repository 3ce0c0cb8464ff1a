package dev.containerwatch.vulnerabilities.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.model.Doc;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Amazon ECR's {@code DescribeImageScanFindings} response (API version 2015-09-21), as the AWS CLI
 * ({@code aws ecr describe-image-scan-findings}) and the SDKs print it: the scan of one image, by
 * ECR basic scanning or by enhanced scanning (Amazon Inspector).
 *
 * <h2>Fields read</h2>
 *
 * <ul>
 *   <li>{@code registryId}, {@code repositoryName}, {@code imageId.imageDigest}, {@code
 *       imageId.imageTag}: the image. The registry host is {@code
 *       <registryId>.dkr.ecr.<region>.amazonaws.com} ({@code .amazonaws.com.cn} in the China
 *       regions), and <b>the response does not carry the region</b>: the caller passes it (the
 *       region the API was called in). When it passes null, the region of the first enhanced
 *       finding's image ARN ({@code resources[].id}) or finding ARN is taken; a basic-scanning
 *       response has none, and is then refused.
 *   <li>{@code imageScanStatus.status} and {@code .description}: the scan state (below); when the
 *       scan is not complete the report's {@code stateReason} is both, {@code
 *       "SCAN_ELIGIBILITY_EXPIRED: <description>"}, the status being the more precise of the two.
 *   <li>{@code imageScanFindings.imageScanCompletedAt}: {@code scannedAt} (when the last scan
 *       completed; kept for every state, null when absent).
 *   <li>{@code imageScanFindings.findings[]} (basic scanning; scanner {@code ecr-basic}): {@code
 *       name} (the CVE) is the id, {@code severity} ({@code CRITICAL}, {@code HIGH}, {@code
 *       MEDIUM}, {@code LOW}, {@code INFORMATIONAL}, {@code UNDEFINED}) goes through {@link
 *       VulnerabilitySeverity#parse} (INFORMATIONAL is NEGLIGIBLE, UNDEFINED is UNKNOWN), and the
 *       {@code attributes[]} key/value pairs give {@code package_name}, {@code package_version} and
 *       the score ({@code CVSS3_SCORE}, else {@code CVSS2_SCORE}). Basic scanning reports no fixed
 *       version, so its vulnerabilities have none: the model then says "no fix available", which
 *       for this scanner means "not known".
 *   <li>{@code imageScanFindings.enhancedFindings[]} (enhanced scanning; scanner {@code
 *       amazon-inspector}): Inspector's finding shape, read as {@link InspectorFindings} reads it:
 *       one vulnerability per {@code packageVulnerabilityDetails.vulnerablePackages[]} entry,
 *       {@code fixedInVersion} as the fixed version ({@code NotAvailable} is none), the CVSS base
 *       score of the finding's own advisory source, and {@code CLOSED} findings left out (they are
 *       fixed). {@code SUPPRESSED} ones are kept.
 *   <li>{@code imageScanFindings.findingSeverityCounts} (keys {@code CRITICAL}, {@code HIGH},
 *       {@code MEDIUM}, {@code LOW}, {@code INFORMATIONAL}, {@code UNDEFINED}, and Inspector's
 *       {@code UNTRIAGED}; another key is refused): only when the response is one page of several
 *       ({@code nextToken}, or the CLI's {@code NextToken} after {@code --max-items}): ECR's counts
 *       cover the whole image while the list is a page, so the report keeps the page's
 *       vulnerabilities and takes the counts from ECR, never fewer than the image has. When the
 *       list is whole the counts are the list's own, so that the report's two views agree.
 * </ul>
 *
 * <h2>Scanner</h2>
 *
 * {@code amazon-inspector} when the response has {@code enhancedFindings}, {@code ecr-basic} when
 * it has {@code findings}; with neither (a clean or unfinished scan) the status decides: {@code
 * ACTIVE}, {@code PENDING}, {@code SCAN_ELIGIBILITY_EXPIRED} and {@code FINDINGS_UNAVAILABLE} exist
 * only in enhanced scanning, and anything else is taken as basic scanning.
 *
 * <h2>Scan state</h2>
 *
 * Every documented {@code ScanStatus} is mapped; the reasons are on {@link #scanState}: {@code
 * COMPLETE} and {@code ACTIVE} are COMPLETE; {@code IN_PROGRESS} and {@code PENDING} are PENDING;
 * {@code UNSUPPORTED_IMAGE} and {@code IMAGE_ARCHIVED} are UNSUPPORTED; {@code FAILED}, {@code
 * SCAN_ELIGIBILITY_EXPIRED}, {@code FINDINGS_UNAVAILABLE} and {@code LIMIT_EXCEEDED} are FAILED.
 * Any other value is refused rather than guessed. The findings a response lists are kept whatever
 * the state; only a COMPLETE report can pass or fail a rule.
 *
 * <h2>Verified</h2>
 *
 * Against the ECR API reference ({@code DescribeImageScanFindings}, {@code ImageScanStatus} with
 * its ten status values, {@code ImageScanFindings}, {@code EnhancedImageScanFinding}), its two
 * examples (basic, with epoch-second dates and {@code CVSS2_SCORE}; enhanced, with {@code +00:00}
 * ISO dates, {@code fixedInVersion: NotAvailable} and {@code status: ACTIVE}), the AWS CLI
 * reference for {@code describe-image-scan-findings}, and published basic-scanning output with
 * {@code CVSS3_SCORE} attributes.
 */
public final class EcrScanFindings {
  private static final String FORMAT = "ECR scan findings";

  /** The statuses only enhanced scanning reports. */
  private static final Set<String> ENHANCED_ONLY =
      Set.of("ACTIVE", "PENDING", "SCAN_ELIGIBILITY_EXPIRED", "FINDINGS_UNAVAILABLE");

  private static final Set<String> SEVERITY_KEYS =
      Set.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED", "UNTRIAGED");

  private EcrScanFindings() {}

  /** True for a {@code DescribeImageScanFindings} response. */
  public static boolean accepts(JsonNode document) {
    return document != null
        && document.isObject()
        && document.has("repositoryName")
        && (document.has("imageScanStatus") || document.has("imageScanFindings"));
  }

  /**
   * The report of the one image the response is about.
   *
   * @param response the {@code DescribeImageScanFindings} response
   * @param region the region the registry is in (the response does not say); null to take it from
   *     the enhanced findings' ARNs
   * @throws dev.containerwatch.InvalidInputException naming what is wrong
   */
  public static List<VulnerabilityReport> parse(JsonNode response, String region) {
    SourceJson json = new SourceJson(FORMAT, "the response");
    if (response == null || !response.isObject()) {
      throw json.fail("the response is not a JSON object");
    }
    Doc doc = Doc.of(response);
    String registryId = json.required(doc, "registryId");
    String repository = json.required(doc, "repositoryName");
    Doc imageId = json.object(doc.get("imageId"));
    String digest = json.digest(imageId.get("imageDigest")).orElse(null);
    String tag = json.string(imageId.get("imageTag")).orElse(null);
    if (digest == null && tag == null) {
      throw json.fail("imageId has no imageDigest or imageTag");
    }

    Doc scanStatus = json.object(doc.get("imageScanStatus"));
    String status = json.required(scanStatus, "status");
    ScanState state = scanState(status);
    if (state == null) {
      throw json.fail(
          json.where(scanStatus.get("status")) + " '" + status + "' is not an ECR scan status");
    }
    String description = json.string(scanStatus.get("description")).orElse(null);

    Doc findings = json.object(doc.get("imageScanFindings"));
    List<Doc> basic = json.objects(findings.get("findings"));
    List<Doc> enhanced = json.objects(findings.get("enhancedFindings"));
    boolean isEnhanced =
        findings.get("enhancedFindings").isPresent()
            || (findings.get("findings").isAbsent() && ENHANCED_ONLY.contains(status));
    Instant completedAt = Aws.time(json, findings.get("imageScanCompletedAt")).orElse(null);

    List<Vulnerability> vulnerabilities = new ArrayList<>();
    for (Doc finding : basic) {
      vulnerabilities.add(basicFinding(finding, json));
    }
    String regionFromFindings = null;
    for (Doc finding : enhanced) {
      InspectorFinding read = InspectorFinding.read(finding, json);
      if (regionFromFindings == null) {
        regionFromFindings = regionOf(finding, json);
      }
      if (!read.closed() && read.packageVulnerability()) {
        vulnerabilities.addAll(read.vulnerabilities());
      }
    }

    String registryRegion = region != null ? region : regionFromFindings;
    if (registryRegion == null) {
      throw json.fail("no region given, and the response does not name the registry's region");
    }
    ImageRef image =
        new ImageRef(Aws.ecrHost(json, registryId, registryRegion), repository, tag, digest);

    Map<VulnerabilitySeverity, Integer> counts = new EnumMap<>(VulnerabilitySeverity.class);
    boolean onePage =
        json.string(doc.get("nextToken")).isPresent()
            || json.string(doc.get("NextToken")).isPresent();
    Doc countsDoc = json.object(findings.get("findingSeverityCounts"));
    for (Map.Entry<String, Doc> e : countsDoc.entries()) {
      if (!SEVERITY_KEYS.contains(e.getKey())) {
        throw json.fail(json.where(countsDoc) + " has an unknown severity '" + e.getKey() + "'");
      }
      int n = json.count(e.getValue()).orElse(0);
      if (onePage) {
        counts.merge(VulnerabilitySeverity.parse(e.getKey()), n, Integer::sum);
      }
    }

    return List.of(
        new VulnerabilityReport(
            image,
            isEnhanced ? Scanner.AMAZON_INSPECTOR : Scanner.ECR_BASIC,
            completedAt,
            state,
            state == ScanState.COMPLETE ? null : reason(status, description),
            vulnerabilities,
            counts));
  }

  /**
   * ECR's {@code imageScanStatus.status} (the {@code ScanStatus} enum of the ECR API, also the
   * {@code scan-status} of the {@code ECR Image Scan} event) as a scan state, or null when the
   * value is not one ECR documents.
   *
   * <ul>
   *   <li>{@code COMPLETE} (basic scan done; enhanced scan-on-push done) and {@code ACTIVE}
   *       (enhanced continuous scanning: the image is monitored and its findings are current):
   *       COMPLETE.
   *   <li>{@code IN_PROGRESS} and {@code PENDING} (enhanced: waiting for its first scan): PENDING,
   *       a result will follow by itself.
   *   <li>{@code UNSUPPORTED_IMAGE} (operating system, package manager or media type not
   *       supported): UNSUPPORTED.
   *   <li>{@code IMAGE_ARCHIVED}: UNSUPPORTED, because ECR cannot scan an image in the archive
   *       storage class (its {@code ImageArchivedException}) until it is restored; it is a property
   *       of the image, not a fault of the scan.
   *   <li>{@code FAILED}: FAILED.
   *   <li>{@code SCAN_ELIGIBILITY_EXPIRED}: FAILED. The enhanced re-scan duration lapsed: Inspector
   *       no longer monitors the image and schedules its findings for closure, so no current result
   *       exists and nothing will come by itself (a push or pull, or a longer duration, is needed).
   *       Reading the leftover list as COMPLETE would soon show a vulnerable image as clean.
   *   <li>{@code FINDINGS_UNAVAILABLE}: FAILED, there is no result to read.
   *   <li>{@code LIMIT_EXCEEDED}: FAILED, the scan was refused by one of ECR's scan quotas (such as
   *       basic scanning's one scan of an image per 24 hours) and is not queued.
   * </ul>
   */
  static ScanState scanState(String status) {
    switch (status) {
      case "COMPLETE":
      case "ACTIVE":
        return ScanState.COMPLETE;
      case "IN_PROGRESS":
      case "PENDING":
        return ScanState.PENDING;
      case "UNSUPPORTED_IMAGE":
      case "IMAGE_ARCHIVED":
        return ScanState.UNSUPPORTED;
      case "FAILED":
      case "SCAN_ELIGIBILITY_EXPIRED":
      case "FINDINGS_UNAVAILABLE":
      case "LIMIT_EXCEEDED":
        return ScanState.FAILED;
      default:
        return null;
    }
  }

  /** The scanner's words for an unfinished scan: the status, and ECR's description of it. */
  private static String reason(String status, String description) {
    return description == null ? status : status + ": " + description;
  }

  private static Vulnerability basicFinding(Doc finding, SourceJson json) {
    String id = json.required(finding, "name");
    VulnerabilitySeverity severity =
        VulnerabilitySeverity.parse(json.string(finding.get("severity")).orElse(null));
    String packageName = null;
    String packageVersion = null;
    Double cvss3 = null;
    Double cvss2 = null;
    for (Doc attribute : json.objects(finding.get("attributes"))) {
      String key = json.required(attribute, "key");
      Doc value = attribute.get("value");
      switch (key) {
        case "package_name":
          packageName = json.string(value).orElse(null);
          break;
        case "package_version":
          packageVersion = json.string(value).orElse(null);
          break;
        case "CVSS3_SCORE":
          cvss3 = json.number(value).orElse(null);
          break;
        case "CVSS2_SCORE":
          cvss2 = json.number(value).orElse(null);
          break;
        default:
          // Vectors and anything ECR adds later are not part of the model.
          break;
      }
    }
    return new Vulnerability(
        id, severity, cvss3 != null ? cvss3 : cvss2, packageName, packageVersion, null);
  }

  /** The region of an enhanced finding's image ({@code resources[].id}) or of the finding. */
  private static String regionOf(Doc finding, SourceJson json) {
    List<String> arns = new ArrayList<>();
    for (Doc resource : json.objects(finding.get("resources"))) {
      json.string(resource.get("id")).ifPresent(arns::add);
    }
    json.string(finding.get("findingArn")).ifPresent(arns::add);
    for (String text : arns) {
      Optional<Aws.Arn> arn = Optional.ofNullable(Aws.Arn.parse(text));
      if (arn.isPresent() && Aws.isRegion(arn.get().region())) {
        return arn.get().region();
      }
    }
    return null;
  }
}
