package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.ScanReportSource;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Scan reports in a folder (a mounted volume, a CI workspace), laid out as {@link ScanReportNames}
 * says.
 */
public final class DirectoryScanReportSource implements ScanReportSource {
  private final Path root;

  public DirectoryScanReportSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public Optional<VulnerabilityReport> find(ImageRef image) {
    for (String name : ScanReportNames.candidates(image)) {
      Path file = root.resolve(name).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        continue;
      }
      JsonNode document;
      try {
        document = Json.read(file);
      } catch (IOException e) {
        if (e instanceof com.fasterxml.jackson.core.JsonProcessingException) {
          throw new InvalidInputException("scan report " + name + " is not JSON");
        }
        throw new UncheckedIOException(e);
      }
      Optional<VulnerabilityReport> report = ScanReportNames.reportOf(image, document);
      if (report.isPresent()) {
        return report;
      }
    }
    return Optional.empty();
  }
}
