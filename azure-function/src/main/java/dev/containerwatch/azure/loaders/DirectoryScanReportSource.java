package dev.containerwatch.azure.loaders;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.ScanReportSource;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Scan reports in a folder (a mounted Azure Files share, or the command line's working folder),
 * laid out as {@link ReportLayout} says.
 */
public final class DirectoryScanReportSource implements ScanReportSource {
  private final Path root;

  public DirectoryScanReportSource(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  @Override
  public Optional<VulnerabilityReport> find(ImageRef image) {
    for (String name : ReportLayout.names(image)) {
      Path file = root.resolve(name).normalize();
      if (!file.startsWith(root) || !Files.isRegularFile(file)) {
        continue;
      }
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InvalidInputException(
            "scan report " + name + ": cannot read: " + e.getClass().getSimpleName());
      }
      Optional<VulnerabilityReport> report = ReportLayout.read(text, image, name);
      if (report.isPresent()) {
        return report;
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "directory " + root;
  }
}
