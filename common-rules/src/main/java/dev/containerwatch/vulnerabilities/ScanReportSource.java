package dev.containerwatch.vulnerabilities;

import java.util.Optional;

/**
 * Where scan results of images come from when the registry has no scanner of its own to ask (Docker
 * Hub), or when CI scans images: a folder, a bucket, an API. Each cloud module provides the ones
 * its storage needs (a Blob container, a GCS bucket, a folder).
 */
public interface ScanReportSource {

  /**
   * The most recent report of an image: by digest when the reference has one, else by repository
   * and tag. Empty when there is none (yet).
   */
  Optional<VulnerabilityReport> find(ImageRef image);
}
