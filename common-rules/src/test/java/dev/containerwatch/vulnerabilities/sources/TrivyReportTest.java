package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class TrivyReportTest {
  private static final String FORMAT = "trivy";

  private static final Map<String, String> INVALID =
      Map.of(
          "no-vulnerability-id.json", "Results[1].Vulnerabilities[0] has no VulnerabilityID",
          "unknown-status.json",
              "Results[0].Vulnerabilities[2].Status 'patched' is not a Trivy status",
          "results-not-array.json", "Results is not an array",
          "filesystem-artifact.json", "ArtifactType 'filesystem' is not a container image",
          "no-image-identity.json",
              "ArtifactName 'out/checkout-api-image.tar' is not an image reference"
                  + " and Metadata has no RepoTags or RepoDigests",
          "severity-not-string.json", "Results[0].Vulnerabilities[1].Severity is not a string",
          "bad-created-at.json", "CreatedAt '14/01/2026 08:42' is not an RFC 3339 timestamp",
          "schema-version-3.json", "SchemaVersion 3 is not supported (only 2 is)",
          "malformed-repo-digest.json",
              "Metadata.RepoDigests[0]: image reference"
                  + " 'shopregistry.azurecr.io/checkout-api@sha256:1234' has a malformed digest");

  @TestFactory
  Stream<DynamicTest> everyFixtureGivesItsGoldenReports() {
    return SourceFixtures.goldenTests(FORMAT, TrivyReport::parse);
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidFixtureFailsWithItsMessage() {
    return SourceFixtures.invalidTests(FORMAT, TrivyReport::parse, "Trivy report: ", INVALID);
  }

  @TestFactory
  Stream<DynamicTest> acceptsRecognisesOnlyItsFormat() {
    return SourceFixtures.acceptsTests(FORMAT, TrivyReport::accepts);
  }

  @TestFactory
  Stream<DynamicTest> wrongTypesAnywhereGiveOnlyInvalidInput() {
    return SourceFixtures.robustnessTests(FORMAT, TrivyReport::parse);
  }

  @Test
  void theDigestComesFromTheRepoDigestOfTheScannedRepository() {
    VulnerabilityReport report =
        TrivyReport.parse(SourceFixtures.read(FORMAT, "acr-image.json")).get(0);

    ImageRef image = report.image();
    assertThat(image.name()).isEqualTo("shopregistry.azurecr.io/checkout-api");
    assertThat(image.tag()).isEqualTo("2.14.1");
    assertThat(image.digest()).startsWith("sha256:");
    // not_affected is not a finding; the module found in two binaries counts once.
    assertThat(report.vulnerabilities())
        .extracting(Vulnerability::id)
        .doesNotContain("CVE-2023-52425")
        .filteredOn(id -> id.equals("CVE-2024-45337"))
        .hasSize(1);
  }

  @Test
  void withoutARepositoryDigestTheImageIsNamedByTag() {
    ImageRef local =
        TrivyReport.parse(SourceFixtures.read(FORMAT, "local-tag-only.json")).get(0).image();
    assertThat(local.canonical()).isEqualTo("docker.io/shop/checkout-worker:dev");

    ImageRef archive =
        TrivyReport.parse(SourceFixtures.read(FORMAT, "archive-input.json")).get(0).image();
    assertThat(archive.canonical()).isEqualTo("shopregistry.azurecr.io/checkout-api:2.15.0-rc.1");
  }
}
