package dev.containerwatch.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebhookTargetTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ftp://hooks.example.com/x | must be https://host/...",
        "not a url | not a valid URL",
        "https://user:pw@hooks.example.com/x | must not carry credentials",
        "http://127.0.0.1:8080/hook | is a loopback address",
        "https://169.254.169.254/latest/meta-data | cloud metadata address",
        "https://10.1.2.3/hook | private or link-local",
        "https://192.168.0.10/hook | private or link-local",
        "https://172.16.5.4/hook | private or link-local",
        "https://100.64.0.7/hook | private or link-local",
        "https://[fd12:3456::1]/hook | private or link-local",
        "https://[fe80::1]/hook | private or link-local",
        "http://203.0.113.10/hook | must use https"
      })
  void unsafeTargetsAreRefused(String url, String message) {
    assertThatThrownBy(() -> WebhookTarget.of(url, false, false))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }

  @Test
  void loopbackOverHttpIsAllowedOnlyWhenAsked() {
    assertThat(WebhookTarget.of("http://127.0.0.1:8080/hook", true, false).uri().getPort())
        .isEqualTo(8080);
  }

  @Test
  void privateAddressesAreAllowedOnlyWhenAsked() {
    assertThat(WebhookTarget.of("https://10.1.2.3/hook", false, true).uri().getHost())
        .isEqualTo("10.1.2.3");
    assertThatThrownBy(() -> WebhookTarget.of("https://169.254.169.254/x", false, true))
        .hasMessageContaining("metadata");
  }

  @Test
  void publicHttpsIsAcceptedAndRedactedWithoutItsQuery() {
    WebhookTarget t =
        WebhookTarget.of("https://203.0.113.10:8443/hooks/x?token=abc#frag", false, false);
    assertThat(t.redacted()).isEqualTo("https://203.0.113.10:8443/hooks/x");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "secret | must start with whsec_",
        "whsec_%%% | not whsec_ followed by base64",
        "whsec_c2hvcnQ= | at least 24 random bytes"
      })
  void badSecretsAreNamedWithoutRepeatingThem(String secret, String message) {
    assertThatThrownBy(() -> new WebhookSigner(secret))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message)
        .satisfies(
            e -> {
              if (secret.startsWith("whsec_")) {
                assertThat(e.getMessage()).doesNotContain(secret.substring("whsec_".length()));
              }
            });
  }
}
