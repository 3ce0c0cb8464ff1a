package dev.containerwatch.azure.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import dev.containerwatch.pipeline.SinkException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class CredentialTokenSourceTest {
  private static final Instant T0 = Instant.parse("2026-11-29T15:00:00Z");

  /** A clock the test moves. */
  private static final class MovingClock extends Clock {
    Instant now = T0;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @Test
  void aTokenIsReusedUntilFiveMinutesBeforeItExpires() {
    MovingClock clock = new MovingClock();
    List<String> scopes = new ArrayList<>();
    TokenCredential credential =
        request -> {
          scopes.addAll(request.getScopes());
          return Mono.just(
              new AccessToken(
                  "token-" + scopes.size(),
                  clock.now.plus(Duration.ofHours(1)).atOffset(ZoneOffset.UTC)));
        };
    CredentialTokenSource tokens =
        new CredentialTokenSource(credential, "https://management.azure.com/.default", clock);

    assertThat(tokens.bearerToken()).isEqualTo("token-1");
    clock.now = T0.plus(Duration.ofMinutes(54));
    assertThat(tokens.bearerToken()).isEqualTo("token-1");
    clock.now = T0.plus(Duration.ofMinutes(55));
    assertThat(tokens.bearerToken()).isEqualTo("token-2");
    assertThat(scopes).containsOnly("https://management.azure.com/.default");
  }

  @Test
  void aCredentialThatCannotGiveATokenFailsTheCall() {
    TokenCredential credential =
        request ->
            Mono.error(
                new IllegalStateException("ManagedIdentityCredential authentication unavailable"));
    CredentialTokenSource tokens =
        new CredentialTokenSource(
            credential, "https://storage.azure.com/.default", Clock.systemUTC());

    assertThatThrownBy(tokens::bearerToken)
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("cannot get a token for https://storage.azure.com/.default");
  }
}
