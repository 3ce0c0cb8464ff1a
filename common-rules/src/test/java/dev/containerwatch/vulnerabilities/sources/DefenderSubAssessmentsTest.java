package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.vulnerabilities.RegistryKind;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class DefenderSubAssessmentsTest {
  private static final String FORMAT = "defender";

  private static final Map<String, String> INVALID =
      Map.of(
          "data-not-array.json", "data is neither an array of rows nor a table of columns and rows",
          "unknown-status-code.json",
              "data[0].properties.status.code 'Resolved' is not Healthy, Unhealthy or NotApplicable",
          "no-digest.json", "data[1].properties.additionalData.artifactDetails has no digest",
          "no-cve-id.json", "data[0].properties has no id (nor vulnerabilityDetails.cveId)",
          "unknown-fix-status.json",
              "data[0].properties.additionalData.softwareDetails.fixStatus 'Patched'"
                  + " is not a Defender fix status",
          "table-row-length.json", "data.rows[1] has 3 cells for 5 columns",
          "qualys-no-registry.json",
              "value[0] names no registry (no additionalData.registryHost, no registry in id)",
          "cvss-not-number.json", "data[0].properties.additionalData.cvssV30Score is not a number");

  @TestFactory
  Stream<DynamicTest> everyFixtureGivesItsGoldenReports() {
    return SourceFixtures.goldenTests(FORMAT, DefenderSubAssessments::parse);
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidFixtureFailsWithItsMessage() {
    return SourceFixtures.invalidTests(
        FORMAT, DefenderSubAssessments::parse, "Defender sub-assessments: ", INVALID);
  }

  @TestFactory
  Stream<DynamicTest> acceptsRecognisesOnlyItsFormat() {
    return SourceFixtures.acceptsTests(FORMAT, DefenderSubAssessments::accepts);
  }

  @TestFactory
  Stream<DynamicTest> wrongTypesAnywhereGiveOnlyInvalidInput() {
    return SourceFixtures.robustnessTests(FORMAT, DefenderSubAssessments::parse);
  }

  @Test
  void unhealthyRowsAreTheFindingsAndOtherAssessmentsAreSkipped() {
    List<VulnerabilityReport> reports =
        DefenderSubAssessments.parse(SourceFixtures.read(FORMAT, "mdvm-acr.json"));

    assertThat(reports)
        .extracting(r -> r.image().repository())
        .containsExactly("checkout-api", "payments/ledger");
    VulnerabilityReport checkout = reports.get(0);
    assertThat(checkout.scanner()).isEqualTo(Scanner.DEFENDER_MDVM);
    assertThat(checkout.image().kind()).isEqualTo(RegistryKind.ACR);
    assertThat(checkout.image().tag()).isEqualTo("2.14.1");
    // The Healthy and the exempted (NotApplicable) rows are not findings.
    assertThat(checkout.vulnerabilities())
        .extracting(Vulnerability::id)
        .doesNotContain("CVE-2023-38545", "CVE-2023-29383")
        .hasSize(14);
    // FixAvailable without a version still is a fix; Scheduled is not one yet.
    assertThat(find(checkout, "CVE-2022-42969").fixedVersion()).isEqualTo("(unspecified)");
    assertThat(find(checkout, "CVE-2023-50495").fixAvailable()).isFalse();
  }

  @Test
  void onlyHealthyRowsMakeACleanCompleteReport() {
    VulnerabilityReport report =
        DefenderSubAssessments.parse(SourceFixtures.read(FORMAT, "clean-image.json")).get(0);

    assertThat(report.state()).isEqualTo(ScanState.COMPLETE);
    assertThat(report.total()).isZero();
  }

  @Test
  void qualysFindingsAreNamedByTheirSingleCveOrTheirQid() {
    List<VulnerabilityReport> reports =
        DefenderSubAssessments.parse(SourceFixtures.read(FORMAT, "qualys-acr-list.json"));

    assertThat(reports)
        .extracting(VulnerabilityReport::scanner)
        .containsOnly(Scanner.DEFENDER_QUALYS);
    assertThat(reports)
        .extracting(r -> r.image().name())
        .containsExactly(
            "shoplegacy.azurecr.io/storefront", "shoplegacy.azurecr.io/storefront-worker");
    assertThat(reports.get(0).vulnerabilities())
        .extracting(Vulnerability::id)
        .containsExactlyInAnyOrder(
            "QID-178475", "CVE-2023-46218", "CVE-2023-4911", "CVE-2023-31484", "QID-105995");
  }

  private static Vulnerability find(VulnerabilityReport report, String id) {
    return report.vulnerabilities().stream()
        .filter(v -> v.id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
