package dev.containerwatch.azure.loaders;

import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.util.Optional;

/** Finds the scan result of an image pushed to a registry. */
public interface ImageReportLoader {

  /**
   * The latest report of the image (by digest), or empty when its scanner has published none yet.
   *
   * @param registryId the ARM id of the registry the image was pushed to
   */
  Optional<VulnerabilityReport> find(ImageRef image, String registryId);
}
