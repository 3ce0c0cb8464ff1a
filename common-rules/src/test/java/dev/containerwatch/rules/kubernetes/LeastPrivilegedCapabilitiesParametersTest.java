package dev.containerwatch.rules.kubernetes;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.rules.Rules;
import org.junit.jupiter.api.Test;

/** An empty capability name in the configuration is a mistake reported at load. */
class LeastPrivilegedCapabilitiesParametersTest {
  private final ConfigurationLoader loader =
      new ConfigurationLoader(Catalog.bundled(), Rules.all());

  @Test
  void rejectsAnEmptyCapabilityName() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    "{\"rules\": {\"k8s.least-privileged-capabilities\": {\"parameters\":"
                        + " {\"allowedCapabilities\": [\"NET_BIND_SERVICE\", \"\"]}}}}",
                    "t"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("allowedCapabilities: capability names must not be empty");
  }
}
