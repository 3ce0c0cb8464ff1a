package dev.containerwatch.vulnerabilities.sources;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class EcrScanFindingsTest {
  private static final String FORMAT = "ecr-scan-findings";

  /**
   * The region each fixture's registry is in, as a caller would pass it: the enhanced-scanning
   * fixtures' images are in eu-west-1, and enhanced-active is read without a region, from its
   * findings' ARNs.
   */
  private static String region(Path file) {
    String name = file.getFileName().toString();
    if (name.equals("enhanced-active.json")) {
      return null;
    }
    return name.startsWith("enhanced-") ? "eu-west-1" : "eu-central-1";
  }

  private static final Map<String, String> INVALID =
      Map.ofEntries(
          entry(
              "completed-at-not-a-date.json",
              "imageScanFindings.imageScanCompletedAt 'last Tuesday' is not a date"),
          entry(
              "cvss-not-a-number.json",
              "imageScanFindings.findings[1].attributes[3].value 'high' is not a number"),
          entry(
              "enhanced-unknown-status.json",
              "imageScanFindings.enhancedFindings[1].status 'OPEN' is not ACTIVE, SUPPRESSED"
                  + " or CLOSED"),
          entry(
              "enhanced-without-vulnerability-id.json",
              "imageScanFindings.enhancedFindings[0].packageVulnerabilityDetails has no"
                  + " vulnerabilityId"),
          entry("finding-without-name.json", "imageScanFindings.findings[2] has no name"),
          entry("findings-not-an-array.json", "imageScanFindings.findings is not an array"),
          entry(
              "malformed-digest.json",
              "imageId.imageDigest 'sha256:9f2c1b' is not a sha256 digest"),
          entry("no-image-identity.json", "imageId has no imageDigest or imageTag"),
          entry("no-registry-id.json", "the response has no registryId"),
          entry("no-status.json", "imageScanStatus has no status"),
          entry("not-an-object.json", "the response is not a JSON object"),
          entry(
              "registry-id-not-an-account.json",
              "registry 'shop-prod' is not a 12-digit AWS account id"),
          entry(
              "severity-not-a-string.json",
              "imageScanFindings.findings[0].severity is not a string"),
          entry(
              "unknown-severity-count.json",
              "imageScanFindings.findingSeverityCounts has an unknown severity 'SEVERE'"),
          entry(
              "unknown-status.json", "imageScanStatus.status 'QUEUED' is not an ECR scan status"));

  @TestFactory
  Stream<DynamicTest> everyValidFixtureMatchesItsGoldenModel() {
    return SourceFixtures.goldenTests(
        FORMAT, (file, document) -> EcrScanFindings.parse(document, region(file)), Set.of());
  }

  @TestFactory
  Stream<DynamicTest> aMalformedResponseIsRefusedWithOneLineNamingTheField() {
    return SourceFixtures.invalidTests(
        FORMAT, d -> EcrScanFindings.parse(d, "eu-central-1"), "ECR scan findings: ", INVALID);
  }

  @TestFactory
  Stream<DynamicTest> acceptsItsOwnFormatOnly() {
    return SourceFixtures.acceptsTests(FORMAT, EcrScanFindings::accepts);
  }

  @TestFactory
  Stream<DynamicTest> wrongTypesAnywhereGiveOnlyInvalidInput() {
    return SourceFixtures.robustnessTests(FORMAT, d -> EcrScanFindings.parse(d, "eu-west-1"));
  }

  @Test
  void basicScanningKeepsEveryFindingWithItsScoreAndNoFixedVersion() {
    VulnerabilityReport report = single("basic-complete.json", "eu-central-1");
    assertThat(report.scanner()).isEqualTo(Scanner.ECR_BASIC);
    assertThat(report.state()).isEqualTo(ScanState.COMPLETE);
    assertThat(report.image().kind()).isEqualTo(RegistryKind.ECR);
    assertThat(report.image().canonical())
        .isEqualTo(
            "318274659021.dkr.ecr.eu-central-1.amazonaws.com/shop/checkout-api@sha256:"
                + "60a049c128849435c131d7c6319dba922fb7fb55b61a37cb171fda1de7597fed");
    assertThat(report.scannedAt()).isEqualTo(Instant.parse("2026-03-02T09:41:27.512Z"));
    assertThat(report.vulnerabilities()).hasSize(15).noneMatch(v -> v.fixAvailable());
    assertThat(report.severityCounts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                VulnerabilitySeverity.CRITICAL, 3,
                VulnerabilitySeverity.HIGH, 5,
                VulnerabilitySeverity.MEDIUM, 3,
                VulnerabilitySeverity.LOW, 2,
                VulnerabilitySeverity.NEGLIGIBLE, 1,
                VulnerabilitySeverity.UNKNOWN, 1));
    // CVSS2_SCORE when the finding has no CVSS3_SCORE (CVE-2011-3374).
    assertThat(report.vulnerabilities())
        .filteredOn(v -> v.id().equals("CVE-2011-3374"))
        .singleElement()
        .satisfies(v -> assertThat(v.cvss()).isEqualTo(4.3));
  }

  @Test
  void enhancedScanningLeavesClosedFindingsOutAndReadsPackageFixes() {
    VulnerabilityReport report = single("enhanced-active.json", null);
    assertThat(report.scanner()).isEqualTo(Scanner.AMAZON_INSPECTOR);
    // The region comes from the findings' image ARNs when none is given.
    assertThat(report.image().registry()).isEqualTo("318274659021.dkr.ecr.eu-west-1.amazonaws.com");
    assertThat(report.vulnerabilities()).extracting(v -> v.id()).doesNotContain("CVE-2024-37371");
    // 12 open findings, one of them on two packages; SUPPRESSED is kept.
    assertThat(report.vulnerabilities()).hasSize(13);
    assertThat(report.vulnerabilities())
        .filteredOn(v -> v.id().equals("CVE-2023-44487"))
        .extracting(v -> v.packageName() + " " + v.fixedVersion())
        .containsExactly("golang.org/x/net 0.17.0", "libnghttp2-14 null");
    assertThat(report.vulnerabilities())
        .filteredOn(v -> v.id().equals("CVE-2024-56433"))
        .singleElement()
        .satisfies(v -> assertThat(v.installedVersion()).isEqualTo("1:4.13+dfsg1-1+b1"));
  }

  @Test
  void aPageOfFindingsKeepsEcrsCountsForTheWholeImage() {
    VulnerabilityReport report = single("basic-first-page.json", "eu-central-1");
    assertThat(report.vulnerabilities()).hasSize(3);
    assertThat(report.total()).isEqualTo(15);
    assertThat(report.scannedAt()).isEqualTo(Instant.parse("2026-03-02T09:41:27.512Z"));
  }

  @Test
  void everyDocumentedStatusHasAState() {
    Map<String, ScanState> expected =
        Map.of(
            "COMPLETE", ScanState.COMPLETE,
            "ACTIVE", ScanState.COMPLETE,
            "IN_PROGRESS", ScanState.PENDING,
            "PENDING", ScanState.PENDING,
            "FAILED", ScanState.FAILED,
            "SCAN_ELIGIBILITY_EXPIRED", ScanState.FAILED,
            "FINDINGS_UNAVAILABLE", ScanState.FAILED,
            "LIMIT_EXCEEDED", ScanState.FAILED,
            "UNSUPPORTED_IMAGE", ScanState.UNSUPPORTED,
            "IMAGE_ARCHIVED", ScanState.UNSUPPORTED);
    expected.forEach(
        (status, state) -> {
          ObjectNode doc = (ObjectNode) SourceFixtures.read(FORMAT, "basic-in-progress.json");
          ((ObjectNode) doc.get("imageScanStatus")).put("status", status);
          assertThat(single(EcrScanFindings.parse(doc, "eu-central-1")).state())
              .as(status)
              .isEqualTo(state);
        });
  }

  @Test
  void aChinaRegionRegistryIsOnTheChinaDomain() {
    VulnerabilityReport report = single("basic-clean.json", "cn-northwest-1");
    assertThat(report.image().registry())
        .isEqualTo("318274659021.dkr.ecr.cn-northwest-1.amazonaws.com.cn");
    assertThat(report.image().kind()).isEqualTo(RegistryKind.ECR);
  }

  @Test
  void aBasicScanNeedsTheRegionFromTheCaller() {
    assertThatThrownBy(
            () -> EcrScanFindings.parse(SourceFixtures.read(FORMAT, "basic-complete.json"), null))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage(
            "ECR scan findings: no region given, and the response does not name the registry's"
                + " region");
    assertThatThrownBy(
            () ->
                EcrScanFindings.parse(
                    SourceFixtures.read(FORMAT, "basic-complete.json"), "Frankfurt"))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage("ECR scan findings: region 'Frankfurt' is not an AWS region name");
  }

  private static VulnerabilityReport single(String name, String region) {
    return single(EcrScanFindings.parse(SourceFixtures.read(FORMAT, name), region));
  }

  private static VulnerabilityReport single(List<VulnerabilityReport> reports) {
    assertThat(reports).hasSize(1);
    return reports.get(0);
  }
}
