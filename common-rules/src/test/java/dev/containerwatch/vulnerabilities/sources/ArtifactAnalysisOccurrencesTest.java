package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class ArtifactAnalysisOccurrencesTest {
  private static final String FORMAT = "artifact-analysis";
  private static final String PREFIX = "Artifact Analysis occurrences: ";

  private static final Map<String, String> INVALID =
      Map.of(
          "occurrences-not-array.json", "occurrences is not an array",
          "no-resource-uri.json", "occurrences[1] has no resourceUri",
          "no-digest.json",
              "occurrences[0].resourceUri"
                  + " 'https://europe-west1-docker.pkg.dev/shop-prod-4821/containers/checkout-api:2.14.1'"
                  + " names no image digest",
          "no-note-name.json", "occurrences[2] has no noteName",
          "unknown-analysis-status.json",
              "occurrences[0].discovery.analysisStatus 'DONE' is not an analysis status",
          "package-issue-not-array.json",
              "occurrences[1].vulnerability.packageIssue is not an array",
          "bad-update-time.json",
              "occurrences[0].updateTime '2026-01-12 06:31:09' is not an RFC 3339 timestamp",
          "unknown-version-kind.json",
              "occurrences[0].vulnerability.packageIssue[0].fixedVersion.kind 'LATEST'"
                  + " is not a version kind",
          "cvss-not-number.json", "occurrences[0].vulnerability.cvssv3.baseScore is not a number");

  @TestFactory
  Stream<DynamicTest> everyFixtureGivesItsGoldenReports() {
    return SourceFixtures.goldenTests(FORMAT, ArtifactAnalysisOccurrences::parse);
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidFixtureFailsWithItsMessage() {
    return SourceFixtures.invalidTests(FORMAT, ArtifactAnalysisOccurrences::parse, PREFIX, INVALID);
  }

  @TestFactory
  Stream<DynamicTest> acceptsRecognisesOnlyItsFormat() {
    return SourceFixtures.acceptsTests(FORMAT, ArtifactAnalysisOccurrences::accepts);
  }

  @TestFactory
  Stream<DynamicTest> wrongTypesAnywhereGiveOnlyInvalidInput() {
    return SourceFixtures.robustnessTests(FORMAT, ArtifactAnalysisOccurrences::parse);
  }

  @Test
  void groupsByImageAndSplitsACveOverItsPackages() {
    List<VulnerabilityReport> reports =
        ArtifactAnalysisOccurrences.parse(
            SourceFixtures.read(FORMAT, "list-occurrences-two-images.json"));

    // The Maven artifact of the same project is not an image.
    assertThat(reports)
        .extracting(r -> r.image().name())
        .containsExactly(
            "europe-west1-docker.pkg.dev/shop-prod-4821/containers/checkout-api",
            "gcr.io/shop-prod-4821/legacy-cron");
    VulnerabilityReport checkout = reports.get(0);
    assertThat(checkout.state()).isEqualTo(ScanState.COMPLETE);
    assertThat(checkout.vulnerabilities())
        .filteredOn(v -> v.id().equals("CVE-2024-5535"))
        .extracting(Vulnerability::packageName, Vulnerability::severity)
        .containsExactlyInAnyOrder(
            tuple("libssl3", VulnerabilitySeverity.LOW),
            tuple("openssl", VulnerabilitySeverity.LOW));
    // MAXIMUM is "no fix yet"; a version without fullName is composed from its parts.
    Vulnerability zlib =
        checkout.vulnerabilities().stream()
            .filter(v -> v.id().equals("CVE-2023-45853"))
            .findFirst()
            .orElseThrow();
    assertThat(zlib.fixAvailable()).isFalse();
    assertThat(zlib.installedVersion()).isEqualTo("1:1.2.13.dfsg-1");
    assertThat(zlib.severity()).isEqualTo(VulnerabilitySeverity.NEGLIGIBLE);
    // No discovery occurrence for the second image on this page: complete.
    assertThat(reports.get(1).state()).isEqualTo(ScanState.COMPLETE);
  }

  @Test
  void aRescanInProgressIsPendingAndKeepsThePreviousFindings() {
    VulnerabilityReport report =
        ArtifactAnalysisOccurrences.parse(SourceFixtures.read(FORMAT, "scanning.json")).get(0);

    assertThat(report.state()).isEqualTo(ScanState.PENDING);
    assertThat(report.stateReason()).isEqualTo("SCANNING");
    assertThat(report.vulnerabilities()).hasSize(2);
  }

  @Test
  void anEmptyPageHasNoReports() {
    assertThat(ArtifactAnalysisOccurrences.parse(JsonNodeFactory.instance.objectNode())).isEmpty();
  }
}
