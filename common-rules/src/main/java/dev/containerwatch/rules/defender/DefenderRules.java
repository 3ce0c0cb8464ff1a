package dev.containerwatch.rules.defender;

import dev.containerwatch.engine.Rule;
import java.util.List;

/** The rules for Defender for Cloud plans and multicloud connectors. */
public final class DefenderRules {
  private DefenderRules() {}

  public static List<Rule> all() {
    return List.of(
        new DefenderForContainersEnabled(),
        new AwsConnectorDefenderForContainers(),
        new GcpConnectorDefenderForContainers(),
        new GcpConnectorAdvancedConfiguration());
  }
}
