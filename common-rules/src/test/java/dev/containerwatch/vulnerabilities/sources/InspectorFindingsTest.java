package dev.containerwatch.vulnerabilities.sources;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.vulnerabilities.RegistryKind;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class InspectorFindingsTest {
  private static final String FORMAT = "inspector-findings";

  private static final String EVENT = "Inspector2 Finding event: ";
  private static final String LIST = "Inspector ListFindings: ";
  private static final String HUB = "Security Hub findings: ";
  private static final String SCAN = "Inspector2 Scan event: ";

  /** The whole messages: the format's name in them depends on the form of the document. */
  private static final Map<String, String> INVALID =
      Map.ofEntries(
          entry(
              "asff-image-without-digest.json",
              HUB + "Findings[2].Resources[0] has no Details.AwsEcrContainerImage.ImageDigest"),
          entry(
              "asff-malformed-digest.json",
              HUB
                  + "Findings[0].Resources[0].Details.AwsEcrContainerImage.ImageDigest"
                  + " 'sha256:ABC123' is not a sha256 digest"),
          entry(
              "asff-unknown-record-state.json",
              HUB + "Findings[1].RecordState 'DELETED' is not ACTIVE or ARCHIVED"),
          entry(
              "asff-unknown-workflow-status.json",
              HUB
                  + "Findings[0].Workflow.Status 'CLOSED' is not NEW, NOTIFIED, SUPPRESSED or"
                  + " RESOLVED"),
          entry(
              "asff-vulnerability-without-id.json",
              HUB + "Findings[0].Vulnerabilities[0] has no Id"),
          entry(
              "finding-bad-date.json",
              EVENT + "detail.updatedAt 'Feb 30, 2026, 10:07:15 AM' is not a date"),
          entry("finding-no-detail.json", EVENT + "the event has no detail"),
          entry(
              "finding-without-image-digest.json",
              EVENT + "detail.resources[0] has no details.awsEcrContainerImage.imageHash"),
          entry(
              "finding-without-vulnerability-id.json",
              EVENT + "detail.packageVulnerabilityDetails has no vulnerabilityId"),
          entry(
              "list-cvss-not-a-number.json",
              LIST + "findings[2].packageVulnerabilityDetails.cvss[1].baseScore is not a number"),
          entry("list-finding-not-an-object.json", LIST + "findings[3] is not an object"),
          entry("list-findings-not-an-array.json", LIST + "findings is not an array"),
          entry(
              "list-unknown-status.json",
              LIST + "findings[1].status 'OPEN' is not ACTIVE, SUPPRESSED or CLOSED"),
          entry(
              "scan-event-total-too-small.json",
              SCAN
                  + "detail.finding-severity-counts TOTAL 10 is less than the counted severities"
                  + " (25)"),
          entry(
              "scan-event-unknown-severity.json",
              SCAN + "detail.finding-severity-counts has an unknown severity 'SEVERE'"),
          entry(
              "scan-event-unknown-status.json",
              SCAN + "detail.scan-status 'SCAN_FAILED' is not INITIAL_SCAN_COMPLETE"),
          entry("scan-event-without-digest.json", SCAN + "detail has no image-digest"),
          entry(
              "not-inspector.json",
              "Inspector findings: the document is not an Inspector2 event, a ListFindings response"
                  + " or Security Hub findings"),
          entry(
              "unknown-detail-type.json",
              "Inspector findings: the event has detail-type 'Inspector2 Coverage', not Inspector2"
                  + " Finding, Inspector2 Scan or Security Hub Findings - Imported"));

  @TestFactory
  Stream<DynamicTest> everyValidFixtureMatchesItsGoldenModel() {
    return SourceFixtures.goldenTests(FORMAT, InspectorFindings::parse);
  }

  @TestFactory
  Stream<DynamicTest> aMalformedDocumentIsRefusedWithOneLineNamingTheField() {
    return SourceFixtures.invalidTests(FORMAT, InspectorFindings::parse, "", INVALID);
  }

  @TestFactory
  Stream<DynamicTest> acceptsItsOwnFormatsOnly() {
    return SourceFixtures.acceptsTests(FORMAT, InspectorFindings::accepts);
  }

  @TestFactory
  Stream<DynamicTest> wrongTypesAnywhereGiveOnlyInvalidInput() {
    return SourceFixtures.robustnessTests(FORMAT, InspectorFindings::parse);
  }

  @Test
  void aFindingEventNamesItsImageByTheArnAndReadsHumanDates() {
    VulnerabilityReport report = single("finding-event.json");
    assertThat(report.scanner()).isEqualTo(Scanner.AMAZON_INSPECTOR);
    assertThat(report.state()).isEqualTo(ScanState.COMPLETE);
    // The resource says region "N/A"; the image ARN says us-east-2.
    assertThat(report.image().registry()).isEqualTo("604925118373.dkr.ecr.us-east-2.amazonaws.com");
    assertThat(report.scannedAt()).isEqualTo(Instant.parse("2026-02-24T10:07:15Z"));
    // One finding on two packages; the CVSS of the finding's own source (AMAZON_CVE), not NVD's.
    assertThat(report.vulnerabilities())
        .extracting(v -> v.packageName() + " " + v.installedVersion() + " " + v.cvss())
        .containsExactly(
            "curl-minimal 8.5.0-1.amzn2023.0.4 6.5", "libcurl-minimal 8.5.0-1.amzn2023.0.4 6.5");
  }

  @Test
  void aClosedFindingIsNotAVulnerabilityAndAloneGivesNoReport() {
    assertThat(InspectorFindings.parse(SourceFixtures.read(FORMAT, "finding-event-closed.json")))
        .isEmpty();
    List<VulnerabilityReport> reports =
        InspectorFindings.parse(SourceFixtures.read(FORMAT, "finding-events.json"));
    assertThat(reports).hasSize(1);
    assertThat(reports.get(0).vulnerabilities())
        .extracting(v -> v.id())
        .containsExactly(
            "CVE-2024-11053",
            "CVE-2024-11053",
            "CVE-2025-4802",
            "CVE-2025-4802",
            "CVE-2025-4802",
            "CVE-2025-52999");
    // The closing is the latest news of the image.
    assertThat(reports.get(0).scannedAt()).isEqualTo(Instant.parse("2026-03-03T04:51:08Z"));
  }

  @Test
  void listFindingsGivesOneReportPerImageAndSkipsOtherResources() {
    List<VulnerabilityReport> reports =
        InspectorFindings.parse(SourceFixtures.read(FORMAT, "list-findings.json"));
    assertThat(reports)
        .extracting(r -> r.image().tag() + " " + r.vulnerabilities().size())
        .containsExactly("2026.03.1 11", "2026.02.4 2");
    VulnerabilityReport latest = reports.get(0);
    assertThat(latest.vulnerabilities()).extracting(v -> v.id()).doesNotContain("CVE-2024-37891");
    assertThat(latest.vulnerabilities()).extracting(v -> v.id()).contains("CVE-2023-45853");
    assertThat(latest.scannedAt()).isEqualTo(Instant.parse("2026-03-02T06:40:55.118Z"));
  }

  @Test
  void securityHubLeavesArchivedAndResolvedOutAndOtherProductsAside() {
    VulnerabilityReport report = single("securityhub-findings.json");
    assertThat(report.image().repository()).isEqualTo("gateway/api-gateway");
    assertThat(report.vulnerabilities())
        .extracting(v -> v.id())
        .doesNotContain("CVE-2024-45336", "CVE-2025-22866", "CVE-2024-6387")
        .contains("CVE-2016-2781");
    assertThat(report.severityCounts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                VulnerabilitySeverity.CRITICAL, 2,
                VulnerabilitySeverity.HIGH, 5,
                VulnerabilitySeverity.MEDIUM, 4,
                VulnerabilitySeverity.LOW, 2,
                VulnerabilitySeverity.NEGLIGIBLE, 1));
  }

  @Test
  void aFindingRatedOnlyByItsNormalizedScoreUsesSecurityHubsRanges() {
    assertThat(single("securityhub-finding.json").vulnerabilities())
        .allSatisfy(v -> assertThat(v.severity()).isEqualTo(VulnerabilitySeverity.MEDIUM));
  }

  @Test
  void aChinaRegionImageIsOnTheChinaDomain() {
    VulnerabilityReport report = single("securityhub-imported-event.json");
    assertThat(report.image().registry())
        .isEqualTo("470289136554.dkr.ecr.cn-north-1.amazonaws.com.cn");
    assertThat(report.image().kind()).isEqualTo(RegistryKind.ECR);
  }

  @Test
  void aScanEventCountsWhatTotalHasBeyondTheNamedSeveritiesAsUnknown() {
    VulnerabilityReport report = single("scan-event.json");
    assertThat(report.vulnerabilities()).isEmpty();
    assertThat(report.total()).isEqualTo(31);
    assertThat(report.severityCounts()).containsEntry(VulnerabilitySeverity.UNKNOWN, 6);
    assertThat(report.image().repository()).isEqualTo("storefront/catalog-api");
  }

  @Test
  void aScanOfAnythingButAnImageGivesNoReport() {
    assertThat(InspectorFindings.parse(SourceFixtures.read(FORMAT, "scan-event-ec2-instance.json")))
        .isEmpty();
  }

  private static VulnerabilityReport single(String name) {
    List<VulnerabilityReport> reports = InspectorFindings.parse(SourceFixtures.read(FORMAT, name));
    assertThat(reports).hasSize(1);
    return reports.get(0);
  }
}
