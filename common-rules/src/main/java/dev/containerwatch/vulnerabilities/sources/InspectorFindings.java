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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Amazon Inspector's findings about ECR container images (ECR enhanced scanning), in the forms they
 * reach us:
 *
 * <ol>
 *   <li>the EventBridge {@code Inspector2 Finding} event ({@code source: aws.inspector2}; {@code
 *       detail} is one finding, with human dates such as {@code "Dec 3, 2021, 6:02:30 PM"});
 *   <li>the Inspector2 {@code ListFindings} response ({@code findings[]}, ISO or epoch dates), or a
 *       lone finding in that shape;
 *   <li>Security Hub's ASFF form of the same findings ({@code ProductArn
 *       arn:aws:securityhub:<region>::product/aws/inspector}): the {@code GetFindings} response
 *       ({@code Findings[]}), a single finding, or the EventBridge {@code Security Hub Findings -
 *       Imported} event ({@code detail.findings[]});
 *   <li>the EventBridge {@code Inspector2 Scan} event (initial scan complete), which carries only
 *       counts;
 * </ol>
 *
 * or a JSON array of such events. The result is one report per image (scanner {@code
 * amazon-inspector}, state COMPLETE: Inspector only makes findings of finished scans).
 *
 * <h2>Findings (forms 1 to 3)</h2>
 *
 * <ul>
 *   <li><b>Image</b>: each {@code resources[]} entry of type {@code AWS_ECR_CONTAINER_IMAGE} (ASFF:
 *       {@code Resources[]} of type {@code AwsEcrContainerImage}); {@code
 *       details.awsEcrContainerImage.registry} / {@code repositoryName} / {@code imageHash} / the
 *       first of {@code imageTags} (ASFF: {@code Details.AwsEcrContainerImage.RegistryId} / {@code
 *       RepositoryName} / {@code ImageDigest} / {@code ImageTags}), else the parts of the image ARN
 *       in {@code id} ({@code arn:aws:ecr:<region>:<account>:repository/<name>/sha256:...}). The
 *       registry's region is the ARN's (the event writes {@code region: "N/A"} on the resource),
 *       else the resource's {@code region}, the finding ARN's, or the event's. Findings are grouped
 *       by image digest into one report per image, in order of first appearance. Other resource
 *       types (EC2 instances, Lambda functions) and other Security Hub products' findings are
 *       skipped: this parser reports on ECR images only.
 *   <li><b>Vulnerabilities</b>: one per vulnerable package ({@code
 *       packageVulnerabilityDetails.vulnerablePackages[]}; ASFF {@code Vulnerabilities[]
 *       .VulnerablePackages[]}), the model being one vulnerability of one package: a finding on
 *       {@code log4j-api} and {@code log4j-core} is two. Id: {@code vulnerabilityId} (ASFF {@code
 *       Id}). Installed version: {@code version}, with {@code -release} and a non-zero {@code
 *       epoch:} joined as the distribution writes it. Fixed version: the package's {@code
 *       fixedInVersion}, {@code NotAvailable} meaning none. The finding-level {@code fixAvailable}
 *       ({@code YES}, {@code NO}, {@code PARTIAL}) only summarises the packages; {@code PARTIAL}
 *       means some have a fix and some not, which only the package level says, so that is what is
 *       read. CVSS: the base score of the finding's own advisory source ({@code
 *       packageVulnerabilityDetails.source}; ASFF {@code Vendor.Name}) at its highest CVSS version,
 *       else any source's, else Inspector's score ({@code inspectorScore}).
 *   <li><b>Severity</b>: {@code severity} ({@code CRITICAL}, {@code HIGH}, {@code MEDIUM}, {@code
 *       LOW}, {@code INFORMATIONAL}, {@code UNTRIAGED}, the last being UNKNOWN). ASFF: {@code
 *       Severity.Label} (which includes a customer's re-rating in Security Hub), else {@code
 *       FindingProviderFields.Severity.Label}, else {@code Severity.Normalized} on Security Hub's
 *       scale (0, 1-39, 40-69, 70-89, 90-100).
 *   <li><b>Closed findings are not vulnerabilities of the image</b>: Inspector closes a finding
 *       when a rescan no longer finds it (the package was updated), so {@code status: CLOSED}
 *       findings, and in ASFF {@code RecordState: ARCHIVED}, {@code Workflow.Status: RESOLVED} or
 *       {@code ProductFields["aws/inspector/FindingStatus"]: CLOSED}, are left out. An image whose
 *       findings are all closed gives <b>no report</b>, not a clean one: a closed finding says one
 *       vulnerability is gone, not that the image has no other (an {@code Inspector2 Finding} event
 *       carries a single finding), and Inspector also closes findings when it stops monitoring an
 *       image. {@code SUPPRESSED} findings (and ASFF {@code Workflow.Status: SUPPRESSED}) are kept:
 *       a suppression rule hides a finding, the package is still vulnerable.
 *   <li><b>scannedAt</b>: the latest {@code updatedAt} (else {@code lastObservedAt}; ASFF {@code
 *       UpdatedAt}, else {@code LastObservedAt}) among the image's findings, closed ones included
 *       (a closing is a rescan's result).
 *   <li>An {@code Inspector2 Finding} event is one finding: its report lists that finding's
 *       vulnerabilities, not all the image's. For an image's whole list, read ECR's {@code
 *       DescribeImageScanFindings} ({@link EcrScanFindings}) or {@code ListFindings} filtered on
 *       the image.
 * </ul>
 *
 * <h2>Inspector2 Scan (form 4)</h2>
 *
 * {@code detail.scan-status} must be {@code INITIAL_SCAN_COMPLETE} (the one documented value).
 * {@code detail.repository-name} holds the repository ARN (a bare name is read with the event's
 * {@code account} and {@code region}), {@code detail.image-digest} and {@code image-tags[]} the
 * image, {@code time} is {@code scannedAt}. {@code finding-severity-counts} gives {@code CRITICAL},
 * {@code HIGH}, {@code MEDIUM} and {@code TOTAL} (the documented example: 7 + 61 + 62 of 158): the
 * findings {@code TOTAL} has beyond the named severities are LOW, INFORMATIONAL or UNTRIAGED
 * without saying which, and are counted as UNKNOWN, so that the report's total is Inspector's and
 * they rank below every named severity. The event also exists for EC2 instances, Lambda functions
 * and machine images (no {@code repository-name}, no {@code image-digest}): those give no report.
 *
 * <p>Inspector has no pending or failed states in these forms (coverage, with {@code
 * PENDING_INITIAL_SCAN} or {@code UNSUPPORTED_OS}, is the separate {@code ListCoverage} API).
 *
 * <h2>Verified</h2>
 *
 * Against the Inspector2 API reference ({@code Finding}: {@code severity} values including {@code
 * UNTRIAGED}, {@code status} ACTIVE / SUPPRESSED / CLOSED, {@code fixAvailable} YES / NO / PARTIAL;
 * {@code VulnerablePackage}; {@code ResourceDetails.awsEcrContainerImage}), the Inspector user
 * guide's EventBridge examples ({@code Inspector2 Finding} with human dates and {@code region:
 * "N/A"} on the resource; {@code Inspector2 Scan} for ECR images, EC2, Lambda and AMIs), the ECR
 * user guide's enhanced-scanning events, the Security Hub API reference ({@code Vulnerability}:
 * {@code FixAvailable}, {@code VulnerablePackages[].FixedInVersion}, {@code Cvss[]}) and a recorded
 * Security Hub {@code GetFindings} response of an Inspector finding on an ECR image.
 */
public final class InspectorFindings {
  private static final String FINDING_EVENT = "Inspector2 Finding";
  private static final String SCAN_EVENT = "Inspector2 Scan";
  private static final String HUB_EVENT = "Security Hub Findings - Imported";

  /** For what is not yet known to be one of the forms: the document, and an event's detail-type. */
  private static final SourceJson DOCUMENT = new SourceJson("Inspector findings", "the document");

  private static final SourceJson EVENT = new SourceJson("Inspector findings", "the event");

  private static final Pattern INSPECTOR_PRODUCT =
      Pattern.compile("arn:aws[a-z-]*:securityhub:[a-z0-9-]*::product/aws/inspector");

  private static final Set<String> SCAN_SEVERITY_KEYS =
      Set.of("CRITICAL", "HIGH", "MEDIUM", "LOW", "INFORMATIONAL", "UNTRIAGED");

  private InspectorFindings() {}

  /**
   * True for any of the forms above: an {@code Inspector2 Finding} or {@code Inspector2 Scan}
   * event, a Security Hub event, response or finding with an Inspector finding, a {@code
   * ListFindings} response or finding, or a non-empty array of such events.
   */
  public static boolean accepts(JsonNode document) {
    if (document == null) {
      return false;
    }
    if (document.isArray()) {
      if (document.isEmpty()) {
        return false;
      }
      for (JsonNode element : document) {
        if (!element.isObject() || !acceptsObject(element)) {
          return false;
        }
      }
      return true;
    }
    return document.isObject() && acceptsObject(document);
  }

  private static boolean acceptsObject(JsonNode o) {
    String source = SourceJson.peek(o, "source");
    String detailType = SourceJson.peek(o, "detail-type");
    if (source.equals("aws.inspector2")) {
      return detailType.equals(FINDING_EVENT) || detailType.equals(SCAN_EVENT);
    }
    if (source.equals("aws.securityhub")) {
      return anyAsffInspector(o.path("detail").path("findings"));
    }
    if (o.has("Findings")) {
      return anyAsffInspector(o.get("Findings"));
    }
    if (o.has("ProductArn")) {
      return isAsffInspector(o);
    }
    if (o.has("findings") && o.get("findings").isArray()) {
      for (JsonNode f : o.get("findings")) {
        if (isInspectorFinding(f)) {
          return true;
        }
      }
      return false;
    }
    return isInspectorFinding(o);
  }

  private static boolean anyAsffInspector(JsonNode findings) {
    if (findings != null && findings.isArray()) {
      for (JsonNode f : findings) {
        if (isAsffInspector(f)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean isAsffInspector(JsonNode finding) {
    return INSPECTOR_PRODUCT.matcher(SourceJson.peek(finding, "ProductArn")).matches();
  }

  private static boolean isInspectorFinding(JsonNode finding) {
    return SourceJson.peek(finding, "findingArn").contains(":inspector2:")
        && finding.has("packageVulnerabilityDetails");
  }

  /**
   * One report per ECR image the document has open findings (or an {@code Inspector2 Scan}) for.
   *
   * @throws dev.containerwatch.InvalidInputException naming what is wrong
   */
  public static List<VulnerabilityReport> parse(JsonNode document) {
    Reports reports = new Reports();
    if (document != null && document.isArray()) {
      for (Doc element : DOCUMENT.objects(Doc.of(document))) {
        read(element, reports);
      }
    } else if (document != null && document.isObject()) {
      read(Doc.of(document), reports);
    } else {
      throw DOCUMENT.fail("the document is not a JSON object");
    }
    return reports.build();
  }

  private static void read(Doc doc, Reports reports) {
    JsonNode o = doc.node();
    if (o.has("detail-type")) {
      String detailType = EVENT.string(doc.get("detail-type")).orElse("");
      switch (detailType) {
        case FINDING_EVENT:
          {
            SourceJson json = new SourceJson("Inspector2 Finding event", "the event");
            Doc detail = json.object(doc.get("detail"));
            if (detail.isAbsent()) {
              throw json.missing(doc, "detail");
            }
            inspectorFinding(
                detail,
                json,
                json.string(doc.get("region")).orElse(null),
                json.string(doc.get("account")).orElse(null),
                reports);
            return;
          }
        case SCAN_EVENT:
          scanEvent(doc, new SourceJson("Inspector2 Scan event", "the event"), reports);
          return;
        case HUB_EVENT:
          {
            SourceJson json = new SourceJson("Security Hub findings", "the event");
            for (Doc f : json.objects(json.object(doc.get("detail")).get("findings"))) {
              asffFinding(f, json, reports);
            }
            return;
          }
        default:
          throw EVENT.fail(
              EVENT.where(doc)
                  + " has detail-type '"
                  + detailType
                  + "', not "
                  + FINDING_EVENT
                  + ", "
                  + SCAN_EVENT
                  + " or "
                  + HUB_EVENT);
      }
    }
    if (o.has("Findings")) {
      SourceJson json = new SourceJson("Security Hub findings", "the response");
      for (Doc f : json.objects(doc.get("Findings"))) {
        asffFinding(f, json, reports);
      }
      return;
    }
    if (o.has("ProductArn") || o.has("SchemaVersion")) {
      asffFinding(doc, new SourceJson("Security Hub findings", "the finding"), reports);
      return;
    }
    if (o.has("findings")) {
      SourceJson json = new SourceJson("Inspector ListFindings", "the response");
      for (Doc f : json.objects(doc.get("findings"))) {
        inspectorFinding(f, json, null, null, reports);
      }
      return;
    }
    if (o.has("findingArn")) {
      inspectorFinding(
          doc, new SourceJson("Inspector finding", "the finding"), null, null, reports);
      return;
    }
    throw DOCUMENT.fail(
        DOCUMENT.where(doc)
            + " is not an Inspector2 event, a ListFindings response or Security Hub findings");
  }

  // ---- Inspector2 API shape (events, ListFindings) ----

  private static void inspectorFinding(
      Doc finding, SourceJson json, String eventRegion, String eventAccount, Reports reports) {
    InspectorFinding read = InspectorFinding.read(finding, json);
    if (!read.packageVulnerability()) {
      return;
    }
    String findingRegion = arnRegion(json.string(finding.get("findingArn")).orElse(null));
    String findingAccount = json.string(finding.get("awsAccountId")).orElse(eventAccount);
    for (Doc resource : json.objects(finding.get("resources"))) {
      Doc details = json.object(resource.get("details"));
      Doc ecr = json.object(details.get("awsEcrContainerImage"));
      String type = json.string(resource.get("type")).orElse(null);
      if (type == null ? ecr.isAbsent() : !type.equals("AWS_ECR_CONTAINER_IMAGE")) {
        continue;
      }
      String prefix = "details.awsEcrContainerImage.";
      ImageRef image =
          image(
              json,
              resource,
              json.string(resource.get("id")).orElse(null),
              json.string(ecr.get("registry")).orElse(null),
              json.string(ecr.get("repositoryName")).orElse(null),
              json.digest(ecr.get("imageHash")).orElse(null),
              json.strings(ecr.get("imageTags")),
              firstRegion(
                  json.string(resource.get("region")).orElse(null), findingRegion, eventRegion),
              findingAccount,
              prefix + "registry",
              prefix + "repositoryName",
              prefix + "imageHash");
      reports.add(image, read.closed(), read.vulnerabilities(), read.updatedAt());
    }
  }

  // ---- Security Hub ASFF ----

  private static void asffFinding(Doc finding, SourceJson json, Reports reports) {
    json.object(finding);
    if (!INSPECTOR_PRODUCT.matcher(json.string(finding.get("ProductArn")).orElse("")).matches()) {
      // Another product's finding in the same Security Hub listing.
      return;
    }
    String recordState = json.string(finding.get("RecordState")).orElse("ACTIVE");
    if (!recordState.equals("ACTIVE") && !recordState.equals("ARCHIVED")) {
      throw json.fail(
          json.where(finding.get("RecordState"))
              + " '"
              + recordState
              + "' is not ACTIVE or ARCHIVED");
    }
    String workflow = json.string(finding.get("Workflow.Status")).orElse("NEW");
    if (!Set.of("NEW", "NOTIFIED", "SUPPRESSED", "RESOLVED").contains(workflow)) {
      throw json.fail(
          json.where(finding.get("Workflow.Status"))
              + " '"
              + workflow
              + "' is not NEW, NOTIFIED, SUPPRESSED or RESOLVED");
    }
    Doc productFields = json.object(finding.get("ProductFields"));
    String inspectorStatus =
        json.string(productFields.get("aws/inspector/FindingStatus")).orElse("ACTIVE");
    boolean closed =
        recordState.equals("ARCHIVED")
            || workflow.equals("RESOLVED")
            || inspectorStatus.equals("CLOSED");
    Instant updatedAt =
        Aws.time(json, finding.get("UpdatedAt"))
            .or(() -> Aws.time(json, finding.get("LastObservedAt")))
            .orElse(null);
    VulnerabilitySeverity severity = asffSeverity(finding, json);

    List<Vulnerability> vulnerabilities = new ArrayList<>();
    for (Doc v : json.objects(finding.get("Vulnerabilities"))) {
      String id = json.required(v, "Id");
      Double cvss =
          InspectorFinding.bestCvss(
              json.objects(v.get("Cvss")),
              json.string(json.object(v.get("Vendor")).get("Name")).orElse(null),
              "Version",
              "BaseScore",
              "Source",
              json);
      int before = vulnerabilities.size();
      for (Doc p : json.objects(v.get("VulnerablePackages"))) {
        vulnerabilities.add(
            new Vulnerability(
                id,
                severity,
                cvss,
                json.string(p.get("Name")).orElse(null),
                InspectorFinding.version(
                    json,
                    p.get("Epoch"),
                    json.string(p.get("Version")).orElse(null),
                    json.string(p.get("Release")).orElse(null)),
                InspectorFinding.fixedVersion(json.string(p.get("FixedInVersion")))));
      }
      if (vulnerabilities.size() == before) {
        vulnerabilities.add(new Vulnerability(id, severity, cvss, null, null, null));
      }
    }
    if (vulnerabilities.isEmpty()) {
      // Not a package vulnerability (Inspector's network reachability findings have none).
      return;
    }

    String findingRegion =
        firstRegion(
            json.string(finding.get("Region")).orElse(null),
            arnRegion(json.string(finding.get("ProductArn")).orElse(null)),
            null);
    String findingAccount = json.string(finding.get("AwsAccountId")).orElse(null);
    for (Doc resource : json.objects(finding.get("Resources"))) {
      if (!json.string(resource.get("Type")).orElse("").equals("AwsEcrContainerImage")) {
        continue;
      }
      Doc ecr = json.object(json.object(resource.get("Details")).get("AwsEcrContainerImage"));
      String prefix = "Details.AwsEcrContainerImage.";
      ImageRef image =
          image(
              json,
              resource,
              json.string(resource.get("Id")).orElse(null),
              json.string(ecr.get("RegistryId")).orElse(null),
              json.string(ecr.get("RepositoryName")).orElse(null),
              json.digest(ecr.get("ImageDigest")).orElse(null),
              json.strings(ecr.get("ImageTags")),
              firstRegion(json.string(resource.get("Region")).orElse(null), findingRegion, null),
              findingAccount,
              prefix + "RegistryId",
              prefix + "RepositoryName",
              prefix + "ImageDigest");
      reports.add(image, closed, vulnerabilities, updatedAt);
    }
  }

  private static VulnerabilitySeverity asffSeverity(Doc finding, SourceJson json) {
    Doc severity = json.object(finding.get("Severity"));
    String label =
        json.string(severity.get("Label"))
            .or(
                () ->
                    json.string(
                        json.object(finding.get("FindingProviderFields.Severity")).get("Label")))
            .orElse(null);
    if (label != null) {
      return VulnerabilitySeverity.parse(label);
    }
    Double normalized = json.number(severity.get("Normalized")).orElse(null);
    if (normalized == null) {
      return VulnerabilitySeverity.UNKNOWN;
    }
    // Security Hub's documented ranges from Normalized to Label.
    if (normalized >= 90) {
      return VulnerabilitySeverity.CRITICAL;
    }
    if (normalized >= 70) {
      return VulnerabilitySeverity.HIGH;
    }
    if (normalized >= 40) {
      return VulnerabilitySeverity.MEDIUM;
    }
    return normalized >= 1 ? VulnerabilitySeverity.LOW : VulnerabilitySeverity.NEGLIGIBLE;
  }

  // ---- Inspector2 Scan ----

  private static void scanEvent(Doc event, SourceJson json, Reports reports) {
    Doc detail = json.object(event.get("detail"));
    if (detail.isAbsent()) {
      throw json.missing(event, "detail");
    }
    String status = json.required(detail, "scan-status");
    if (!status.equals("INITIAL_SCAN_COMPLETE")) {
      throw json.fail(
          json.where(detail.get("scan-status")) + " '" + status + "' is not INITIAL_SCAN_COMPLETE");
    }
    String repositoryName = json.string(detail.get("repository-name")).orElse(null);
    String digest = json.digest(detail.get("image-digest")).orElse(null);
    if (repositoryName == null && digest == null) {
      // The same event for an EC2 instance, a Lambda function or a machine image.
      return;
    }
    if (repositoryName == null) {
      throw json.missing(detail, "repository-name");
    }
    if (digest == null) {
      throw json.missing(detail, "image-digest");
    }
    String account = json.string(event.get("account")).orElse(null);
    String region = json.string(event.get("region")).orElse(null);
    String repository = repositoryName;
    Aws.Arn arn = Aws.Arn.parse(repositoryName);
    if (arn != null) {
      String[] parts = arn.ecrRepositoryAndDigest();
      if (parts == null) {
        throw json.fail(
            json.where(detail.get("repository-name"))
                + " '"
                + repositoryName
                + "' is not an ECR repository ARN");
      }
      repository = parts[0];
      account = arn.account();
      region = arn.region();
    }
    if (account == null) {
      throw json.missing(event, "account");
    }
    if (region == null) {
      throw json.missing(event, "region");
    }

    Doc countsDoc = json.object(detail.get("finding-severity-counts"));
    Map<VulnerabilitySeverity, Integer> counts = new EnumMap<>(VulnerabilitySeverity.class);
    int named = 0;
    Integer total = null;
    for (Map.Entry<String, Doc> e : countsDoc.entries()) {
      int n = json.count(e.getValue()).orElse(0);
      if (e.getKey().equals("TOTAL")) {
        total = n;
      } else if (SCAN_SEVERITY_KEYS.contains(e.getKey())) {
        counts.merge(VulnerabilitySeverity.parse(e.getKey()), n, Integer::sum);
        named += n;
      } else {
        throw json.fail(json.where(countsDoc) + " has an unknown severity '" + e.getKey() + "'");
      }
    }
    if (total != null && total < named) {
      throw json.fail(
          json.where(countsDoc)
              + " TOTAL "
              + total
              + " is less than the counted severities ("
              + named
              + ")");
    }
    if (total != null && total > named) {
      counts.merge(VulnerabilitySeverity.UNKNOWN, total - named, Integer::sum);
    }
    List<String> tags = json.strings(detail.get("image-tags"));
    ImageRef image = Aws.ecrImage(json, account, region, repository, tags, digest);
    reports.addCounts(
        new VulnerabilityReport(
            image,
            Scanner.AMAZON_INSPECTOR,
            Aws.time(json, event.get("time")).orElse(null),
            ScanState.COMPLETE,
            null,
            List.of(),
            counts));
  }

  // ---- shared ----

  /**
   * An image from its details, completed from its ARN; the field names are for the messages.
   *
   * @param region the region from the resource, finding or event, used when the ARN has none
   */
  private static ImageRef image(
      SourceJson json,
      Doc resource,
      String resourceId,
      String registry,
      String repository,
      String digest,
      List<String> tags,
      String region,
      String account,
      String registryField,
      String repositoryField,
      String digestField) {
    Aws.Arn arn = Aws.Arn.parse(resourceId);
    String[] fromArn = arn == null ? null : arn.ecrRepositoryAndDigest();
    if (fromArn != null) {
      if (repository == null) {
        repository = fromArn[0];
      }
      if (digest == null && SourceJson.isDigest(fromArn[1])) {
        digest = fromArn[1];
      }
      if (registry == null) {
        registry = arn.account();
      }
      if (Aws.isRegion(arn.region())) {
        region = arn.region();
      }
    }
    if (registry == null) {
      registry = account;
    }
    if (repository == null) {
      throw json.missing(resource, repositoryField);
    }
    if (digest == null) {
      throw json.missing(resource, digestField);
    }
    if (registry == null) {
      throw json.missing(resource, registryField);
    }
    if (region == null) {
      throw json.fail(json.where(resource) + " names no region");
    }
    return Aws.ecrImage(json, registry, region, repository, tags, digest);
  }

  /** The first of the candidates that is a region name ("N/A" is not). */
  private static String firstRegion(String first, String second, String third) {
    for (String r : new String[] {first, second, third}) {
      if (Aws.isRegion(r)) {
        return r;
      }
    }
    return null;
  }

  private static String arnRegion(String text) {
    Aws.Arn arn = Aws.Arn.parse(text);
    return arn == null ? null : arn.region();
  }

  /** Reports by image, in order of first appearance; count-only reports in between. */
  private static final class Reports {
    private final Map<String, Group> entries = new LinkedHashMap<>();

    void add(
        ImageRef image, boolean closed, List<Vulnerability> vulnerabilities, Instant updatedAt) {
      Group group = entries.computeIfAbsent(image.canonical(), k -> new Group(image));
      if (updatedAt != null && (group.scannedAt == null || updatedAt.isAfter(group.scannedAt))) {
        group.scannedAt = updatedAt;
      }
      if (!closed) {
        group.open = true;
        group.vulnerabilities.addAll(vulnerabilities);
      }
    }

    void addCounts(VulnerabilityReport report) {
      Group group = new Group(report.image());
      group.report = report;
      entries.put("scan#" + entries.size(), group);
    }

    List<VulnerabilityReport> build() {
      List<VulnerabilityReport> out = new ArrayList<>();
      for (Group g : entries.values()) {
        if (g.report != null) {
          out.add(g.report);
        } else if (g.open) {
          out.add(
              VulnerabilityReport.complete(
                  g.image, Scanner.AMAZON_INSPECTOR, g.scannedAt, g.vulnerabilities));
        }
      }
      return out;
    }
  }

  private static final class Group {
    final ImageRef image;
    final List<Vulnerability> vulnerabilities = new ArrayList<>();
    Instant scannedAt;
    boolean open;
    VulnerabilityReport report;

    Group(ImageRef image) {
      this.image = image;
    }
  }
}
