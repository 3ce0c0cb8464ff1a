package dev.containerwatch.rules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.rules.Rules;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parameter values of the limits, registries and service-ports rules are rejected when the
 * configuration loads, with a message, rather than silently changing what the rule checks.
 */
class DataPlaneParametersTest {
  private final ConfigurationLoader loader =
      new ConfigurationLoader(Catalog.bundled(), Rules.all());

  private void load(String rule, String parameters) {
    loader.parse("rules: {" + rule + ": {enabled: true, parameters: " + parameters + "}}", "x");
  }

  private void assertRejected(String rule, String parameters, String message) {
    assertThatThrownBy(() -> load(rule, parameters))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }

  @Test
  void acceptsGoodValues() {
    load("k8s.container-resource-limits", "{cpuLimit: '1500m', memoryLimit: '1.5Gi'}");
    load("k8s.container-resource-limits", "{cpuLimit: '0.5', memoryLimit: '512M'}");
    load(
        "k8s.trusted-registries",
        "{allowedContainerImagesRegex: '^(contoso\\.azurecr\\.io|ghcr\\.io/contoso)/.+$'}");
    load("k8s.trusted-registries", "{allowedContainerImagesRegex: '^(?P<registry>[^/]+)/.+$'}");
    load("k8s.allowed-service-ports", "{allowedServicePortsList: ['443', '80', '8000-8999']}");
    load("k8s.allowed-service-ports", "{allowedServicePortsList: ['-1']}");
    load("k8s.allowed-service-ports", "{allowedServicePortsList: ['65535', '1-1']}");
  }

  @Test
  void rejectsLimitsThatDoNotParse() {
    assertRejected(
        "k8s.container-resource-limits", "{cpuLimit: 'two'}", "'two' is not a CPU quantity");
    assertRejected("k8s.container-resource-limits", "{cpuLimit: '-500m'}", "must not be negative");
    assertRejected(
        "k8s.container-resource-limits",
        "{memoryLimit: '64GB'}",
        "'64GB' is not a memory quantity");
    // Kubernetes reads 1e9 as a quantity; the template does not, so it would never compare.
    assertRejected(
        "k8s.container-resource-limits", "{memoryLimit: '1e9'}", "not a memory quantity");
    assertRejected("k8s.container-resource-limits", "{cpuLimit: 32}", "expected a string");
  }

  @ParameterizedTest(name = "regex {0} is rejected")
  @CsvSource(
      delimiter = '|',
      value = {
        "[a-z| is not a valid regular expression",
        "^contoso\\.azurecr\\.io/(?!tools/).+$| a lookaround",
        "^(?<=x)y| a lookaround",
        "^(a)\\1$| a backreference",
        "^(?>a+)$| an atomic group",
        "^a++$| a possessive quantifier"
      })
  void rejectsPatternsRe2CannotRun(String regex, String message) {
    assertRejected(
        "k8s.trusted-registries", "{allowedContainerImagesRegex: '" + regex + "'}", message);
  }

  @Test
  void trustedRegistriesHasNoExcludedImages() {
    assertRejected(
        "k8s.trusted-registries", "{excludedImages: ['docker.io/*']}", "unknown parameter");
  }

  @Test
  void allowedServicePortsHasNoContainerExclusions() {
    assertRejected(
        "k8s.allowed-service-ports", "{excludedContainers: [nginx]}", "unknown parameter");
  }

  @ParameterizedTest(name = "port entry {0} is rejected")
  @CsvSource(
      delimiter = '|',
      value = {
        "http| 'http' is neither a port number",
        "080| '080' is neither a port number",
        "' 80'| is neither a port number",
        "70000| '70000' is neither a port number",
        "0| '0' is neither a port number",
        "80,443| '80,443' is neither a port number",
        "8000-| '8000-' is neither a port number",
        "1-70000| '1-70000' is neither a port number",
        "9000-8000| range '9000-8000' is empty"
      })
  void rejectsPortEntriesThatCannotMatch(String entry, String message) {
    assertRejected(
        "k8s.allowed-service-ports",
        "{allowedServicePortsList: ['443', '" + entry.replace("'", "") + "']}",
        message.strip());
  }

  @Test
  void translatesNamedGroupsAndKeepsEverythingElse() {
    assertThat(TrustedRegistries.toJava("^(?P<host>[^/]+)/(?P<repo>.+)$"))
        .isEqualTo("^(?<host>[^/]+)/(?<repo>.+)$");
    // An escaped parenthesis and a class are left alone.
    assertThat(TrustedRegistries.toJava("\\(?P<x[(?P<]")).isEqualTo("\\(?P<x[(?P<]");
    assertThat(Pattern.compile(TrustedRegistries.toJava("^(?P<r>a|b)$")).matcher("b").find())
        .isTrue();
  }

  @Test
  void portRangesIncludeBothEnds() {
    List<String> allowed = List.of("8000-8999", "443");
    assertThat(AllowedServicePorts.isAllowed(8000, allowed)).isTrue();
    assertThat(AllowedServicePorts.isAllowed(8999, allowed)).isTrue();
    assertThat(AllowedServicePorts.isAllowed(7999, allowed)).isFalse();
    assertThat(AllowedServicePorts.isAllowed(9000, allowed)).isFalse();
    assertThat(AllowedServicePorts.isAllowed(443, allowed)).isTrue();
    assertThat(AllowedServicePorts.isAllowed(80, List.of("-1"))).isFalse();
  }
}
