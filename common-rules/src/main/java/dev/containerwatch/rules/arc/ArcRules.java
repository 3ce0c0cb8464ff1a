package dev.containerwatch.rules.arc;

import dev.containerwatch.engine.Rule;
import java.util.List;

/** The rules for Azure Arc-enabled Kubernetes clusters. */
public final class ArcRules {
  private ArcRules() {}

  public static List<Rule> all() {
    return List.of(new ArcAzurePolicyExtension(), new ArcDefenderExtension());
  }
}
