package dev.containerwatch.rules.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.rules.Rules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Path-segment matching of {@code pathPrefix} and the validation of {@code allowedHostPaths}. */
class HostPathVolumesRestrictedTest {
  private final ConfigurationLoader loader =
      new ConfigurationLoader(Catalog.bundled(), Rules.all());

  @ParameterizedTest(name = "{0} covers {1}: {2}")
  @CsvSource({
    "/foo, /foo, true",
    "/foo, /foo/, true",
    "/foo, /foo/bar, true",
    "/foo/, /foo, true",
    "/foo/bar, /foo, false",
    "/foo, /fool, false",
    "/foo, /etc/foo, false",
    "/, /, true",
    "/, /var/run/docker.sock, true",
    "/var/log, /var//log, false",
    "//, /var, false",
    "/var/lib/kubelet, /var/lib/kubelet/pods/x/volumes, true",
  })
  void matchesByWholeSegments(String prefix, String path, boolean expected) {
    assertThat(HostPathVolumesRestricted.pathMatches(prefix, path)).isEqualTo(expected);
  }

  private static String config(String allowedHostPaths) {
    return "{\"rules\": {\"k8s.host-path-volumes\": {\"parameters\": {\"allowedHostPaths\": "
        + allowedHostPaths
        + "}}}}";
  }

  @Test
  void acceptsEntriesWithAndWithoutReadOnly() {
    assertThat(
            loader.parse(
                config(
                    "{\"paths\": [{\"pathPrefix\": \"/var/log\", \"readOnly\": true},"
                        + " {\"pathPrefix\": \"/data\"}]}"),
                "test"))
        .isNotNull();
  }

  @Test
  void rejectsAListInsteadOfTheObject() {
    assertThatThrownBy(() -> loader.parse(config("[{\"pathPrefix\": \"/var/log\"}]"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("allowedHostPaths: expected an object");
  }

  @Test
  void rejectsAMissingPathsList() {
    assertThatThrownBy(() -> loader.parse(config("{}"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("paths must be a list");
  }

  @Test
  void rejectsARelativeOrMissingPrefix() {
    assertThatThrownBy(
            () -> loader.parse(config("{\"paths\": [{\"pathPrefix\": \"var/log\"}]}"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("paths[0].pathPrefix must be an absolute path starting with /");
    assertThatThrownBy(() -> loader.parse(config("{\"paths\": [{\"readOnly\": true}]}"), "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("paths[0].pathPrefix must be an absolute path");
  }

  @Test
  void rejectsANonBooleanReadOnly() {
    assertThatThrownBy(
            () ->
                loader.parse(
                    config("{\"paths\": [{\"pathPrefix\": \"/var/log\", \"readOnly\": \"yes\"}]}"),
                    "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("paths[0].readOnly must be true or false");
  }

  @Test
  void rejectsAMisspeltKey() {
    // A misspelt readOnly would otherwise allow writable mounts without a word.
    assertThatThrownBy(
            () ->
                loader.parse(
                    config("{\"paths\": [{\"pathPrefix\": \"/var/log\", \"readonly\": true}]}"),
                    "test"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("paths[0]: unknown key 'readonly'");
  }
}
