package dev.containerwatch.rules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.rules.Rules;
import org.junit.jupiter.api.Test;

/** {@code minPort} and {@code maxPort} are port numbers, and the range they make is not empty. */
class HostNetworkAndPortsRestrictedParametersTest {
  private final ConfigurationLoader loader =
      new ConfigurationLoader(Catalog.bundled(), Rules.all());

  private static String config(String parameters) {
    return "{\"rules\": {\"k8s.host-network-ports\": {\"parameters\": " + parameters + "}}}";
  }

  @Test
  void acceptsARange() {
    assertThat(
            loader
                .parse(config("{\"minPort\": 9100, \"maxPort\": 9200}"), "test")
                .settings("k8s.host-network-ports")
                .parameters()
                .integer("maxPort"))
        .isEqualTo(9200);
  }

  @Test
  void acceptsASinglePort() {
    assertThat(loader.parse(config("{\"minPort\": 443, \"maxPort\": 443}"), "test")).isNotNull();
  }

  @Test
  void rejectsMinAboveMax() {
    assertThatThrownBy(() -> loader.parse(config("{\"minPort\": 9200, \"maxPort\": 9100}"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "rules[k8s.host-network-ports].parameters: minPort 9200 is above maxPort 9100");
  }

  @Test
  void rejectsMinAboveTheDefaultMax() {
    assertThatThrownBy(() -> loader.parse(config("{\"minPort\": 80}"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("minPort 80 is above maxPort 0");
  }

  @Test
  void rejectsAPortOutOfRange() {
    assertThatThrownBy(() -> loader.parse(config("{\"maxPort\": 70000}"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxPort: must be a port number from 0 to 65535, got 70000");
    assertThatThrownBy(() -> loader.parse(config("{\"minPort\": -1}"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("minPort: must be a port number from 0 to 65535, got -1");
  }

  @Test
  void rejectsAPortGivenAsText() {
    assertThatThrownBy(() -> loader.parse(config("{\"maxPort\": \"9100\"}"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("maxPort: expected an integer");
  }

  @Test
  void hostNamespacesHasNoContainerExclusion() {
    // The definition Defender pins has excludedImages but no excludedContainers.
    assertThatThrownBy(
            () ->
                loader.parse(
                    "{\"rules\": {\"k8s.host-namespaces\": {\"parameters\": "
                        + "{\"excludedContainers\": [\"agent\"]}}}}",
                    "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("excludedContainers: unknown parameter");
  }
}
