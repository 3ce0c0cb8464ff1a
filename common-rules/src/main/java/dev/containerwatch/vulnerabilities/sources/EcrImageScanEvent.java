package dev.containerwatch.vulnerabilities.sources;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.model.Doc;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The EventBridge event ECR sends when a basic scan of an image completes: {@code source: aws.ecr},
 * {@code detail-type: ECR Image Scan}. It carries counts per severity, not the vulnerabilities, so
 * its report has an empty vulnerability list and the counts are what the rules read (read {@link
 * EcrScanFindings} for the list).
 *
 * <h2>Fields read</h2>
 *
 * <ul>
 *   <li>{@code account} and {@code region} (the envelope): the registry host {@code
 *       <account>.dkr.ecr.<region>.amazonaws.com}; when absent, those of the first {@code
 *       resources[]} ARN (the repository's).
 *   <li>{@code detail.repository-name}, {@code detail.image-digest} (required: the event is about
 *       one pushed manifest), {@code detail.image-tags[]} (the first is kept as the tag; the digest
 *       is the identity).
 *   <li>{@code detail.scan-status}: the scan state, with the mapping of ECR's {@code ScanStatus}
 *       that {@link EcrScanFindings} uses ({@code COMPLETE} is COMPLETE, {@code FAILED} is FAILED,
 *       {@code UNSUPPORTED_IMAGE} is UNSUPPORTED...). The documented event has {@code COMPLETE};
 *       the others are read the same way should they come, and an unknown value is refused.
 *   <li>{@code detail.finding-severity-counts}: {@code CRITICAL}, {@code HIGH}, {@code MEDIUM},
 *       {@code LOW}, {@code INFORMATIONAL} (NEGLIGIBLE), {@code UNDEFINED} (UNKNOWN). ECR "will
 *       only return a value for a severity level if one exists": an empty object is a clean image.
 *   <li>{@code time}: {@code scannedAt} (the event is sent when the scan completes).
 * </ul>
 *
 * The scanner is {@code ecr-basic}: with enhanced scanning the scan-complete event is Inspector's
 * {@code Inspector2 Scan}, read by {@link InspectorFindings}. A JSON array of such events (a file
 * of captured events) gives one report per event.
 *
 * <p>Verified against the ECR user guide's "Amazon ECR events and EventBridge" example (kebab-case
 * detail keys, the repository ARN in {@code resources}) and the severity keys of the EventBridge
 * schema of {@code ECR Image Scan}.
 */
public final class EcrImageScanEvent {
  private static final String FORMAT = "ECR Image Scan event";
  private static final String DETAIL_TYPE = "ECR Image Scan";

  private static final Set<String> SEVERITY_KEYS =
      Set.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNDEFINED");

  private EcrImageScanEvent() {}

  /** True for an {@code ECR Image Scan} event, or a non-empty array of them. */
  public static boolean accepts(JsonNode document) {
    if (document != null && document.isArray() && !document.isEmpty()) {
      for (JsonNode event : document) {
        if (!isEvent(event)) {
          return false;
        }
      }
      return true;
    }
    return isEvent(document);
  }

  private static boolean isEvent(JsonNode event) {
    return event != null
        && event.isObject()
        && SourceJson.peek(event, "source").equals("aws.ecr")
        && SourceJson.peek(event, "detail-type").equals(DETAIL_TYPE);
  }

  /**
   * One count-only report per event.
   *
   * @throws dev.containerwatch.InvalidInputException naming what is wrong
   */
  public static List<VulnerabilityReport> parse(JsonNode document) {
    SourceJson json = new SourceJson(FORMAT, "the event");
    if (document == null || !(document.isObject() || document.isArray())) {
      throw json.fail("the document is not a JSON object");
    }
    Doc doc = Doc.of(document);
    List<VulnerabilityReport> out = new ArrayList<>();
    for (Doc event : document.isArray() ? json.objects(doc) : List.of(doc)) {
      out.add(event(event, json));
    }
    return out;
  }

  private static VulnerabilityReport event(Doc event, SourceJson json) {
    String detailType =
        json.string(event.get("detail-type")).orElseThrow(() -> json.missing(event, "detail-type"));
    if (!detailType.equals(DETAIL_TYPE)) {
      throw json.fail(
          json.where(event) + " has detail-type '" + detailType + "', not '" + DETAIL_TYPE + "'");
    }
    Doc detail = json.object(event.get("detail"));
    if (detail.isAbsent()) {
      throw json.missing(event, "detail");
    }
    String repository = json.required(detail, "repository-name");
    String digest =
        json.digest(detail.get("image-digest"))
            .orElseThrow(() -> json.missing(detail, "image-digest"));
    List<String> tags = json.strings(detail.get("image-tags"));

    String status = json.required(detail, "scan-status");
    ScanState state = EcrScanFindings.scanState(status);
    if (state == null) {
      throw json.fail(
          json.where(detail.get("scan-status")) + " '" + status + "' is not an ECR scan status");
    }

    Aws.Arn repositoryArn = null;
    List<String> resources = json.strings(event.get("resources"));
    if (!resources.isEmpty()) {
      repositoryArn = Aws.Arn.parse(resources.get(0));
    }
    String account = json.string(event.get("account")).orElse(null);
    String region = json.string(event.get("region")).orElse(null);
    if (account == null && repositoryArn != null) {
      account = repositoryArn.account();
    }
    if (region == null && repositoryArn != null) {
      region = repositoryArn.region();
    }
    if (account == null) {
      throw json.missing(event, "account");
    }
    if (region == null) {
      throw json.missing(event, "region");
    }

    Map<VulnerabilitySeverity, Integer> counts = new EnumMap<>(VulnerabilitySeverity.class);
    Doc countsDoc = json.object(detail.get("finding-severity-counts"));
    for (Map.Entry<String, Doc> e : countsDoc.entries()) {
      if (!SEVERITY_KEYS.contains(e.getKey())) {
        throw json.fail(json.where(countsDoc) + " has an unknown severity '" + e.getKey() + "'");
      }
      counts.merge(
          VulnerabilitySeverity.parse(e.getKey()),
          json.count(e.getValue()).orElse(0),
          Integer::sum);
    }

    ImageRef image = Aws.ecrImage(json, account, region, repository, tags, digest);
    return new VulnerabilityReport(
        image,
        Scanner.ECR_BASIC,
        Aws.time(json, event.get("time")).orElse(null),
        state,
        state == ScanState.COMPLETE ? null : status,
        List.of(),
        counts);
  }
}
