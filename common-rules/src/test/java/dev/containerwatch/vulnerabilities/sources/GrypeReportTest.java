package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class GrypeReportTest {
  private static final String FORMAT = "grype";

  private static final Map<String, String> INVALID =
      Map.of(
          "directory-source.json", "source.type 'directory' is not an image",
          "no-vulnerability-id.json", "matches[1].vulnerability has no id",
          "unknown-fix-state.json",
              "matches[0].vulnerability.fix.state 'patched' is not a Grype fix state",
          "matches-not-array.json", "matches is not an array",
          "no-image-identity.json",
              "source.target.userInput 'oci-archive:out/ledger-3.8.0.tar' is not an image reference"
                  + " and source.target has no tags or repoDigests",
          "cvss-out-of-range.json",
              "matches[2].vulnerability.cvss[0].metrics.baseScore 78.0 is not a CVSS score",
          "related-not-array.json", "matches[4].relatedVulnerabilities is not an array");

  @TestFactory
  Stream<DynamicTest> everyFixtureGivesItsGoldenReports() {
    return SourceFixtures.goldenTests(FORMAT, GrypeReport::parse);
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidFixtureFailsWithItsMessage() {
    return SourceFixtures.invalidTests(FORMAT, GrypeReport::parse, "Grype report: ", INVALID);
  }

  @TestFactory
  Stream<DynamicTest> acceptsRecognisesOnlyItsFormat() {
    return SourceFixtures.acceptsTests(FORMAT, GrypeReport::accepts);
  }

  @TestFactory
  Stream<DynamicTest> wrongTypesAnywhereGiveOnlyInvalidInput() {
    return SourceFixtures.robustnessTests(FORMAT, GrypeReport::parse);
  }

  @Test
  void advisoriesWithOneRelatedCveAreReportedByTheCve() {
    VulnerabilityReport report =
        GrypeReport.parse(SourceFixtures.read(FORMAT, "ecr-image.json")).get(0);

    Vulnerability snakeyaml = find(report, "CVE-2022-1471");
    assertThat(snakeyaml.packageName()).isEqualTo("snakeyaml");
    // The match's (GitHub's) severity, the CVE's NVD score.
    assertThat(snakeyaml.severity()).isEqualTo(VulnerabilitySeverity.HIGH);
    assertThat(snakeyaml.cvss()).isEqualTo(9.8);
    // Two related CVEs, or none: the advisory keeps its id.
    assertThat(report.vulnerabilities())
        .extracting(Vulnerability::id)
        .contains("GHSA-5j33-cvvr-w245", "GHSA-h46c-h94j-95f3")
        .doesNotContain("GHSA-mjmj-j48q-9wg2");
    assertThat(find(report, "CVE-2023-6378").fixedVersion()).isEqualTo("1.2.13, 1.3.12, 1.4.12");
    assertThat(find(report, "CVE-2022-3219").fixAvailable()).isFalse();
  }

  @Test
  void theRepoDigestNotTheManifestDigestNamesTheImage() {
    ImageRef image =
        GrypeReport.parse(SourceFixtures.read(FORMAT, "ecr-image.json")).get(0).image();
    assertThat(image.digest())
        .isEqualTo(
            SourceFixtures.read(FORMAT, "ecr-image.json")
                .at("/source/target/repoDigests/0")
                .asText()
                .replaceFirst(".*@", ""));

    ImageRef daemon =
        GrypeReport.parse(SourceFixtures.read(FORMAT, "daemon-tag-only.json")).get(0).image();
    assertThat(daemon.canonical()).isEqualTo("docker.io/shop/checkout-worker:dev");
  }

  private static Vulnerability find(VulnerabilityReport report, String id) {
    return report.vulnerabilities().stream()
        .filter(v -> v.id().equals(id))
        .findFirst()
        .orElseThrow();
  }
}
