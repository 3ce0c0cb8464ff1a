package dev.containerwatch.rules;

import dev.containerwatch.engine.Rule;
import dev.containerwatch.rules.acr.AcrRules;
import dev.containerwatch.rules.aks.AksRules;
import dev.containerwatch.rules.arc.ArcRules;
import dev.containerwatch.rules.defender.DefenderRules;
import dev.containerwatch.rules.eks.EksRules;
import dev.containerwatch.rules.gke.GkeRules;
import dev.containerwatch.rules.kubernetes.KubernetesRules;
import dev.containerwatch.rules.vulnerabilities.VulnerabilityRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Every rule the project implements, family by family. A handler that needs only some families
 * (cold start) may take them directly from the family classes.
 */
public final class Rules {
  private Rules() {}

  public static List<Rule> all() {
    List<Rule> all = new ArrayList<>();
    all.addAll(AksRules.all());
    all.addAll(AcrRules.all());
    all.addAll(ArcRules.all());
    all.addAll(DefenderRules.all());
    all.addAll(EksRules.all());
    all.addAll(GkeRules.all());
    all.addAll(KubernetesRules.all());
    all.addAll(VulnerabilityRules.all());
    return List.copyOf(all);
  }
}
