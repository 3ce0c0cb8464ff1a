package dev.containerwatch.rules.acr;

import dev.containerwatch.engine.Rule;
import java.util.List;

/** The rules for ACR registries. */
public final class AcrRules {
  private AcrRules() {}

  public static List<Rule> all() {
    return List.of(
        new AcrCustomerManagedKey(), new AcrUnrestrictedNetworkAccess(), new AcrPrivateLink());
  }
}
