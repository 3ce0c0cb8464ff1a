package dev.containerwatch.rules.eks;

import dev.containerwatch.engine.Rule;
import java.util.List;

/** The rules for EKS clusters. */
public final class EksRules {
  private EksRules() {}

  public static List<Rule> all() {
    return List.of(new EksDefenderPermissions(), new EksDefenderArcExtension());
  }
}
