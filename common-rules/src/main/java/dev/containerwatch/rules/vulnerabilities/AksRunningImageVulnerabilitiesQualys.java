package dev.containerwatch.rules.vulnerabilities;

import dev.containerwatch.model.Cloud;
import dev.containerwatch.vulnerabilities.Scanner;
import java.util.Set;

/**
 * "Azure running container images should have vulnerabilities resolved (powered by Qualys)". Only
 * Defender's Qualys results count.
 */
public final class AksRunningImageVulnerabilitiesQualys extends RunningContainerRule {

  public AksRunningImageVulnerabilitiesQualys() {
    super("aks.running-image-vulnerabilities-qualys", Cloud.AZURE, Set.of(Scanner.DEFENDER_QUALYS));
  }
}
