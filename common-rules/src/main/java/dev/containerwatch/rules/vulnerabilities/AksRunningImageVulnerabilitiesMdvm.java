package dev.containerwatch.rules.vulnerabilities;

import dev.containerwatch.model.Cloud;
import dev.containerwatch.vulnerabilities.Scanner;
import java.util.Set;

/**
 * "Azure running container images should have vulnerabilities resolved (powered by Microsoft
 * Defender Vulnerability Management)". Only Defender's MDVM results count.
 */
public final class AksRunningImageVulnerabilitiesMdvm extends RunningContainerRule {

  public AksRunningImageVulnerabilitiesMdvm() {
    super("aks.running-image-vulnerabilities-mdvm", Cloud.AZURE, Set.of(Scanner.DEFENDER_MDVM));
  }
}
