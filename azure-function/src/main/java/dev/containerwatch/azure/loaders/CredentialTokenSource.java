package dev.containerwatch.azure.loaders;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import dev.containerwatch.pipeline.SinkException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Tokens from an azure-identity {@link TokenCredential} (the managed identity in Azure, the
 * developer's {@code az login} locally, through {@code DefaultAzureCredential}), cached until five
 * minutes before they expire, so that an invocation asks the identity endpoint at most once an
 * hour.
 */
public final class CredentialTokenSource implements TokenSource {
  static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);

  private final TokenCredential credential;
  private final String scope;
  private final Clock clock;
  private AccessToken cached;

  /**
   * @param scope the audience's {@code .default} scope ({@code
   *     https://management.azure.com/.default})
   */
  public CredentialTokenSource(TokenCredential credential, String scope, Clock clock) {
    this.credential = Objects.requireNonNull(credential, "credential");
    this.scope = Objects.requireNonNull(scope, "scope");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized String bearerToken() {
    Instant now = clock.instant();
    if (cached == null
        || cached.getExpiresAt() == null
        || !now.isBefore(cached.getExpiresAt().toInstant().minus(REFRESH_BEFORE_EXPIRY))) {
      AccessToken fresh;
      try {
        fresh = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
      } catch (RuntimeException e) {
        // The credential's messages name the sources it tried; they hold no secret.
        throw new SinkException(
            "cannot get a token for " + scope + ": " + e.getClass().getSimpleName(), e);
      }
      if (fresh == null || fresh.getToken() == null) {
        throw new SinkException("cannot get a token for " + scope + ": the credential gave none");
      }
      cached = fresh;
    }
    return cached.getToken();
  }
}
