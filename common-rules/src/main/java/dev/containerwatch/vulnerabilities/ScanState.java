package dev.containerwatch.vulnerabilities;

/** Where an image's scan stands. Only a {@link #COMPLETE} scan can pass or fail a rule. */
public enum ScanState {
  COMPLETE,
  /** Pushed, scan requested or running: the finding says so and is updated in place later. */
  PENDING,
  FAILED,
  /** The scanner does not support the image (OS, architecture, media type). */
  UNSUPPORTED,
  /** No scanner has looked at the image: scanning is off for its registry or repository. */
  NOT_SCANNED
}
