package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.vulnerabilities.RegistryKind;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class InspectorFindingsTest {
  private static final String FORMAT = "inspector-findings";

  @TestFactory
  Stream<DynamicTest> everyValidFixtureMatchesItsGoldenModel() {
    return SourceFixtures.valid(FORMAT).stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () ->
                        SourceFixtures.assertGolden(
                            file, InspectorFindings.parse(SourceFixtures.read(file)))));
  }

  static Stream<Arguments> invalidFixtures() {
    String event = "Inspector2 Finding event: ";
    String list = "Inspector ListFindings: ";
    String hub = "Security Hub findings: ";
    String scan = "Inspector2 Scan event: ";
    return Stream.of(
        arguments(
            "asff-image-without-digest.json",
            hub + "Findings[2].Resources[0] has no Details.AwsEcrContainerImage.ImageDigest"),
        arguments(
            "asff-malformed-digest.json",
            hub
                + "Findings[0].Resources[0].Details.AwsEcrContainerImage.ImageDigest"
                + " 'sha256:ABC123' is not a sha256 digest"),
        arguments(
            "asff-unknown-record-state.json",
            hub + "Findings[1].RecordState 'DELETED' is not ACTIVE or ARCHIVED"),
        arguments(
            "asff-unknown-workflow-status.json",
            hub
                + "Findings[0].Workflow.Status 'CLOSED' is not NEW, NOTIFIED, SUPPRESSED or"
                + " RESOLVED"),
        arguments(
            "asff-vulnerability-without-id.json", hub + "Findings[0].Vulnerabilities[0] has no Id"),
        arguments(
            "finding-bad-date.json",
            event + "detail.updatedAt 'Feb 30, 2026, 10:07:15 AM' is not a date"),
        arguments("finding-no-detail.json", event + "the event has no detail"),
        arguments(
            "finding-without-image-digest.json",
            event + "detail.resources[0] has no details.awsEcrContainerImage.imageHash"),
        arguments(
            "finding-without-vulnerability-id.json",
            event + "detail.packageVulnerabilityDetails has no vulnerabilityId"),
        arguments(
            "list-cvss-not-a-number.json",
            list + "findings[2].packageVulnerabilityDetails.cvss[1].baseScore is not a number"),
        arguments("list-finding-not-an-object.json", list + "findings[3] is not an object"),
        arguments("list-findings-not-an-array.json", list + "findings is not an array"),
        arguments(
            "list-unknown-status.json",
            list + "findings[1].status 'OPEN' is not ACTIVE, SUPPRESSED or CLOSED"),
        arguments(
            "scan-event-total-too-small.json",
            scan
                + "detail.finding-severity-counts TOTAL 10 is less than the counted severities"
                + " (25)"),
        arguments(
            "scan-event-unknown-severity.json",
            scan + "detail.finding-severity-counts has an unknown severity 'SEVERE'"),
        arguments(
            "scan-event-unknown-status.json",
            scan + "detail.scan-status 'SCAN_FAILED' is not INITIAL_SCAN_COMPLETE"),
        arguments("scan-event-without-digest.json", scan + "detail has no image-digest"),
        arguments(
            "not-inspector.json",
            "Inspector findings: the document is not an Inspector2 event, a ListFindings response"
                + " or Security Hub findings"),
        arguments(
            "unknown-detail-type.json",
            "Inspector findings: the event has detail-type 'Inspector2 Coverage', not Inspector2"
                + " Finding, Inspector2 Scan or Security Hub Findings - Imported"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void aMalformedDocumentIsRefusedWithOneLineNamingTheField(String file, String message) {
    Path path = SourceFixtures.ROOT.resolve(FORMAT).resolve("invalid").resolve(file);
    assertThatThrownBy(() -> InspectorFindings.parse(SourceFixtures.read(path)))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  @Test
  void everyInvalidFixtureHasItsExpectedMessage() {
    assertThat(SourceFixtures.invalid(FORMAT))
        .extracting(f -> f.getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(
            invalidFixtures().map(a -> (String) a.get()[0]).toList());
  }

  @Test
  void acceptsItsOwnFormatsOnly() {
    assertThat(SourceFixtures.valid(FORMAT))
        .allSatisfy(f -> assertThat(InspectorFindings.accepts(SourceFixtures.read(f))).isTrue());
    assertThat(SourceFixtures.validOfOtherFormats(FORMAT))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(InspectorFindings.accepts(SourceFixtures.read(f))).isFalse());
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
