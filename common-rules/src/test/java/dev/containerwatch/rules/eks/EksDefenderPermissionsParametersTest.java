package dev.containerwatch.rules.eks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.rules.Rules;
import org.junit.jupiter.api.Test;

/** The {@code requiredLogTypes} parameter accepts only EKS control-plane log types. */
class EksDefenderPermissionsParametersTest {
  private final ConfigurationLoader loader =
      new ConfigurationLoader(Catalog.bundled(), Rules.all());

  private static String config(String types) {
    return "{\"rules\": {\"eks.defender-permissions\": {\"parameters\": {\"requiredLogTypes\": "
        + types
        + "}}}}";
  }

  @Test
  void acceptsKnownTypes() {
    assertThat(loader.parse(config("[\"audit\", \"controllerManager\"]"), "test")).isNotNull();
  }

  @Test
  void rejectsAnUnknownType() {
    assertThatThrownBy(() -> loader.parse(config("[\"audit\", \"kube-audit\"]"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unknown log type 'kube-audit'");
  }

  @Test
  void rejectsAnEmptyList() {
    assertThatThrownBy(() -> loader.parse(config("[]"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("name at least one log type");
  }
}
