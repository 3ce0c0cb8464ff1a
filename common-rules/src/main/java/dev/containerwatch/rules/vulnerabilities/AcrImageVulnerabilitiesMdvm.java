package dev.containerwatch.rules.vulnerabilities;

import dev.containerwatch.vulnerabilities.RegistryKind;
import dev.containerwatch.vulnerabilities.Scanner;
import java.util.Set;

/**
 * "Azure registry container images should have vulnerabilities resolved (powered by Microsoft
 * Defender Vulnerability Management)". Only Defender's MDVM results count; this recommendation is
 * superseded by {@code acr.image-vulnerability-findings} once that one is GA.
 */
public final class AcrImageVulnerabilitiesMdvm extends RegistryImageRule {

  public AcrImageVulnerabilitiesMdvm() {
    super("acr.image-vulnerabilities-mdvm", RegistryKind.ACR, Set.of(Scanner.DEFENDER_MDVM));
  }
}
