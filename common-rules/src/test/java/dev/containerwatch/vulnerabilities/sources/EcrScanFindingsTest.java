package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

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

  @TestFactory
  Stream<DynamicTest> everyValidFixtureMatchesItsGoldenModel() {
    return SourceFixtures.valid(FORMAT).stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () ->
                        SourceFixtures.assertGolden(
                            file, EcrScanFindings.parse(SourceFixtures.read(file), region(file)))));
  }

  static Stream<Arguments> invalidFixtures() {
    String p = "ECR scan findings: ";
    return Stream.of(
        arguments(
            "completed-at-not-a-date.json",
            p + "imageScanFindings.imageScanCompletedAt 'last Tuesday' is not a date"),
        arguments(
            "cvss-not-a-number.json",
            p + "imageScanFindings.findings[1].attributes[3].value 'high' is not a number"),
        arguments(
            "enhanced-unknown-status.json",
            p
                + "imageScanFindings.enhancedFindings[1].status 'OPEN' is not ACTIVE, SUPPRESSED"
                + " or CLOSED"),
        arguments(
            "enhanced-without-vulnerability-id.json",
            p
                + "imageScanFindings.enhancedFindings[0].packageVulnerabilityDetails has no"
                + " vulnerabilityId"),
        arguments("finding-without-name.json", p + "imageScanFindings.findings[2] has no name"),
        arguments("findings-not-an-array.json", p + "imageScanFindings.findings is not an array"),
        arguments(
            "malformed-digest.json",
            p + "imageId.imageDigest 'sha256:9f2c1b' is not a sha256 digest"),
        arguments("no-image-identity.json", p + "imageId has no imageDigest or imageTag"),
        arguments("no-registry-id.json", p + "the response has no registryId"),
        arguments("no-status.json", p + "imageScanStatus has no status"),
        arguments("not-an-object.json", p + "the response is not a JSON object"),
        arguments(
            "registry-id-not-an-account.json",
            p + "registry 'shop-prod' is not a 12-digit AWS account id"),
        arguments(
            "severity-not-a-string.json",
            p + "imageScanFindings.findings[0].severity is not a string"),
        arguments(
            "unknown-severity-count.json",
            p + "imageScanFindings.findingSeverityCounts has an unknown severity 'SEVERE'"),
        arguments(
            "unknown-status.json",
            p + "imageScanStatus.status 'QUEUED' is not an ECR scan status"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void aMalformedResponseIsRefusedWithOneLineNamingTheField(String file, String message) {
    Path path = SourceFixtures.ROOT.resolve(FORMAT).resolve("invalid").resolve(file);
    assertThatThrownBy(() -> EcrScanFindings.parse(SourceFixtures.read(path), "eu-central-1"))
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
  void acceptsItsOwnFormatOnly() {
    assertThat(SourceFixtures.valid(FORMAT))
        .allSatisfy(f -> assertThat(EcrScanFindings.accepts(SourceFixtures.read(f))).isTrue());
    assertThat(SourceFixtures.validOfOtherFormats(FORMAT))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(EcrScanFindings.accepts(SourceFixtures.read(f))).isFalse());
  }

  @Test
  void basicScanningKeepsEveryFindingWithItsScoreAndNoFixedVersion() {
    VulnerabilityReport report =
        single(
            EcrScanFindings.parse(
                SourceFixtures.read(FORMAT, "basic-complete.json"), "eu-central-1"));
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
    VulnerabilityReport report =
        single(EcrScanFindings.parse(SourceFixtures.read(FORMAT, "enhanced-active.json"), null));
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
    VulnerabilityReport report =
        single(
            EcrScanFindings.parse(
                SourceFixtures.read(FORMAT, "basic-first-page.json"), "eu-central-1"));
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
    VulnerabilityReport report =
        single(
            EcrScanFindings.parse(
                SourceFixtures.read(FORMAT, "basic-clean.json"), "cn-northwest-1"));
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

  private static VulnerabilityReport single(List<VulnerabilityReport> reports) {
    assertThat(reports).hasSize(1);
    return reports.get(0);
  }
}
