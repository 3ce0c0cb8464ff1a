package dev.containerwatch.vulnerabilities;

import java.util.Optional;

/**
 * Where scan results of images come from when the registry has no scanner of its own to ask (Docker
 * Hub), or when CI scans images: a folder, a bucket, an API. The cloud modules provide the ones
 * their storage needs; {@link DirectoryScanReportSource} reads a folder.
 */
public interface ScanReportSource {

  /**
   * The most recent report of an image: by digest when the reference has one, else by repository
   * and tag. Empty when there is none (yet).
   */
  Optional<VulnerabilityReport> find(ImageRef image);
}
