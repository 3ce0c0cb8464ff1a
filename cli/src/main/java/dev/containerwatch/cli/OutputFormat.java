package dev.containerwatch.cli;

/** How {@code scan} and {@code replay} print their findings. */
public enum OutputFormat {
  /** Aligned columns for a terminal. */
  TABLE,
  /** The project's neutral JSON form. */
  JSON,
  /** SARIF 2.1.0, for CI code scanning: FAILED findings, located in their input file. */
  SARIF,
  /** The Security Hub {@code BatchImportFindings} requests of the AWS function's sink (ASFF). */
  ASFF,
  /** The Defender for Cloud assessment requests of the Azure function's sink. */
  DEFENDER,
  /** The Security Command Center requests of the GCP function's sink. */
  SCC
}
