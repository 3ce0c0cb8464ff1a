package dev.containerwatch.rules.vulnerabilities;

import dev.containerwatch.vulnerabilities.RegistryKind;
import dev.containerwatch.vulnerabilities.Scanner;
import java.util.Set;

/**
 * "Azure registry container images should have vulnerabilities resolved (powered by Qualys)". Only
 * Defender's Qualys results count.
 */
public final class AcrImageVulnerabilitiesQualys extends RegistryImageRule {

  public AcrImageVulnerabilitiesQualys() {
    super("acr.image-vulnerabilities-qualys", RegistryKind.ACR, Set.of(Scanner.DEFENDER_QUALYS));
  }
}
