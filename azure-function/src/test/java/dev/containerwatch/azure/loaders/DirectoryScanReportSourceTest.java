package dev.containerwatch.azure.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryScanReportSourceTest {
  private final DirectoryScanReportSource source =
      new DirectoryScanReportSource(Samples.RESOURCES.resolve("scan-reports"));

  @Test
  void findsTheReportOfATagInTheLayout() {
    VulnerabilityReport report =
        source.find(ImageRef.parse("acmecorp/storefront:4.2.0")).orElseThrow();

    assertThat(report.scanner()).isEqualTo(Scanner.TRIVY);
    assertThat(report.image().name()).isEqualTo("docker.io/acmecorp/storefront");
    assertThat(report.total()).isEqualTo(15);
  }

  @Test
  void anImageWithoutAReportHasNone() {
    assertThat(source.find(ImageRef.parse("acmecorp/storefront:9.9.9"))).isEmpty();
    assertThat(ReportLayout.names(ImageRef.parse("nginx:1.27@sha256:" + "a".repeat(64))))
        .containsExactly(
            "docker.io/library/nginx/sha256-" + "a".repeat(64) + ".json",
            "docker.io/library/nginx/1.27.json");
  }

  @Test
  void aFileThatIsNoReportIsNamed(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("docker.io/acmecorp/storefront/5.0.0.json");
    Files.createDirectories(file.getParent());
    Files.writeString(file, "{\"hello\": \"world\"}");

    assertThatThrownBy(
            () ->
                new DirectoryScanReportSource(dir)
                    .find(ImageRef.parse("acmecorp/storefront:5.0.0")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "docker.io/acmecorp/storefront/5.0.0.json: not a format containerwatch reads");
  }
}
