package dev.containerwatch.vulnerabilities;

import java.util.Arrays;
import java.util.Optional;

/** Which scanner produced a report. The MDVM and Qualys recommendations take only their own. */
public enum Scanner {
  /** ECR basic scanning (Clair-based, {@code DescribeImageScanFindings}). */
  ECR_BASIC("ecr-basic"),
  /** ECR enhanced scanning: Amazon Inspector. */
  AMAZON_INSPECTOR("amazon-inspector"),
  /** Google Artifact Analysis (Container Analysis) vulnerability occurrences. */
  ARTIFACT_ANALYSIS("artifact-analysis"),
  /** Defender for Cloud, powered by Microsoft Defender Vulnerability Management. */
  DEFENDER_MDVM("defender-mdvm"),
  /** Defender for Cloud's retired Qualys-powered assessment. */
  DEFENDER_QUALYS("defender-qualys"),
  /** Aqua Trivy JSON report. */
  TRIVY("trivy"),
  /** Anchore Grype JSON report. */
  GRYPE("grype"),
  /** No scanner has reported on the image yet (a pushed image waiting for its scan). */
  NONE("none");

  private final String key;

  Scanner(String key) {
    this.key = key;
  }

  /** The name in report documents: {@code amazon-inspector}. */
  public String key() {
    return key;
  }

  public static Optional<Scanner> byKey(String key) {
    return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst();
  }
}
