package dev.containerwatch.rules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.rules.Rules;
import org.junit.jupiter.api.Test;

/**
 * {@code allowedProfiles} accepts only values an AppArmor annotation can take, so that a value that
 * could never match is rejected when the configuration loads.
 */
class AllowedAppArmorProfilesParametersTest {
  private final ConfigurationLoader loader =
      new ConfigurationLoader(Catalog.bundled(), Rules.all());

  private static String config(String profiles) {
    return "{\"rules\": {\"k8s.apparmor-profiles\": {\"parameters\": {\"allowedProfiles\": "
        + profiles
        + "}}}}";
  }

  @Test
  void acceptsAnnotationValues() {
    assertThat(
            loader.parse(
                config("[\"runtime/default\", \"unconfined\", \"localhost/k8s-nginx\"]"), "test"))
        .isNotNull();
  }

  @Test
  void acceptsAnEmptyListThatFailsEverything() {
    assertThat(loader.parse(config("[]"), "test")).isNotNull();
  }

  @Test
  void rejectsAFieldTypeName() {
    assertThatThrownBy(() -> loader.parse(config("[\"RuntimeDefault\"]"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'RuntimeDefault' is not an AppArmor annotation value");
  }

  @Test
  void rejectsLocalhostWithoutAProfileName() {
    assertThatThrownBy(() -> loader.parse(config("[\"localhost/\"]"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("'localhost/' is not an AppArmor annotation value");
  }

  @Test
  void rejectsAnotherKind() {
    assertThatThrownBy(() -> loader.parse(config("\"runtime/default\""), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("expected a list of strings");
  }
}
