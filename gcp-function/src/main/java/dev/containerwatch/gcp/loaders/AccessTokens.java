package dev.containerwatch.gcp.loaders;

import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * OAuth access tokens for the REST calls made with the JDK HTTP client (Artifact Analysis, Cloud
 * Storage). In a function they are the runtime service account's, from Application Default
 * Credentials (the metadata server), fetched on first use and refreshed before they expire.
 */
@FunctionalInterface
public interface AccessTokens {
  String CLOUD_PLATFORM = "https://www.googleapis.com/auth/cloud-platform";

  /**
   * The token to send, or empty to send none.
   *
   * @throws LoadException when no token can be had
   */
  Optional<String> token();

  /** No token: for emulators and local fakes only. */
  static AccessTokens none() {
    return Optional::empty;
  }

  /** Application Default Credentials, scoped to {@code cloud-platform}. */
  static AccessTokens applicationDefault() {
    return new AccessTokens() {
      private GoogleCredentials credentials;

      @Override
      public synchronized Optional<String> token() {
        try {
          if (credentials == null) {
            credentials =
                GoogleCredentials.getApplicationDefault().createScoped(List.of(CLOUD_PLATFORM));
          }
          credentials.refreshIfExpired();
          AccessToken token = credentials.getAccessToken();
          if (token == null) {
            throw new LoadException("Application Default Credentials gave no access token");
          }
          return Optional.of(token.getTokenValue());
        } catch (IOException e) {
          throw new LoadException("no access token: " + e.getMessage(), e);
        }
      }
    };
  }
}
