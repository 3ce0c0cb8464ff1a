package dev.containerwatch.azure.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.pipeline.SinkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Azure CLI's token, through a script standing in for {@code az} ({@code
 * src/test/resources/identity/fake-az.sh}): the command asked, the cache until five minutes before
 * {@code expires_on}, and failures that say what to do without the token.
 */
class AzureCliTokenSourceTest {
  private static final Path IDENTITY = Path.of("src/test/resources/identity").toAbsolutePath();
  private static final String TOKEN =
      "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.YXotY2xpLXRva2Vu.c2lnbmF0dXJl";

  @TempDir Path dir;

  private AzureCliTokenSource source(
      ManagedIdentityTokenSourceTest.MovingClock clock, Map<String, String> env) {
    return new AzureCliTokenSource(
        List.of("sh", IDENTITY.resolve("fake-az.sh").toString()),
        env,
        "https://management.azure.com/.default",
        clock,
        Duration.ofSeconds(20));
  }

  private Map<String, String> answering(String fixture) {
    return Map.of(
        "FAKE_AZ_CALLS", dir.resolve("calls").toString(),
        "FAKE_AZ_ANSWER", IDENTITY.resolve(fixture).toString());
  }

  private List<String> calls() throws IOException {
    Path calls = dir.resolve("calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  @Test
  void asksTheCliForTheResourceAndKeepsTheTokenUntilFiveMinutesBeforeItExpires()
      throws IOException {
    var clock = new ManagedIdentityTokenSourceTest.MovingClock(); // 15:00; expires_on is 16:30
    AzureCliTokenSource tokens = source(clock, answering("az-account-get-access-token.json"));

    assertThat(tokens.bearerToken()).isEqualTo(TOKEN);
    clock.now = Instant.parse("2026-11-29T16:24:59Z");
    assertThat(tokens.bearerToken()).isEqualTo(TOKEN);
    assertThat(calls())
        .containsExactly(
            "account get-access-token --resource https://management.azure.com --output json");
    clock.now = Instant.parse("2026-11-29T16:25:00Z");
    tokens.bearerToken();
    assertThat(calls()).hasSize(2);
  }

  @Test
  void aCliThatIsNotLoggedInFailsWithItsFirstErrorLine() {
    Map<String, String> env =
        Map.of(
            "FAKE_AZ_CALLS",
            dir.resolve("calls").toString(),
            "FAKE_AZ_ERROR",
            "ERROR: Please run 'az login' to setup account.");

    assertThatThrownBy(source(new ManagedIdentityTokenSourceTest.MovingClock(), env)::bearerToken)
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "Azure CLI token for https://management.azure.com: az exited with 1: ERROR: Please run 'az login' to setup account.");
  }

  @Test
  void anAnswerWithoutExpiresOnIsRefusedWithoutShowingTheToken() throws IOException {
    Path old = dir.resolve("old-cli.json");
    Files.writeString(
        old, "{\"accessToken\": \"" + TOKEN + "\", \"expiresOn\": \"2026-11-29 16:30:00.000000\"}");
    Map<String, String> env =
        Map.of("FAKE_AZ_CALLS", dir.resolve("calls").toString(), "FAKE_AZ_ANSWER", old.toString());

    assertThatThrownBy(source(new ManagedIdentityTokenSourceTest.MovingClock(), env)::bearerToken)
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("no expires_on (Azure CLI 2.54 or later)")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  void aMissingCliSaysToInstallIt() {
    AzureCliTokenSource tokens =
        new AzureCliTokenSource(
            List.of(dir.resolve("no-such-az").toString()),
            Map.of(),
            "https://storage.azure.com/.default",
            new ManagedIdentityTokenSourceTest.MovingClock(),
            Duration.ofSeconds(5));

    assertThatThrownBy(tokens::bearerToken)
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "Azure CLI token for https://storage.azure.com: the Azure CLI (az) cannot be run; install it and run az login");
  }
}
