package dev.containerwatch.azure.loaders;

import com.azure.identity.DefaultAzureCredentialBuilder;
import java.time.Clock;

/**
 * azure-identity's {@code DefaultAzureCredential} as a {@link TokenSource}: the only class that
 * names azure-identity, so that a function running on a managed identity never loads it.
 */
final class DefaultCredentialTokens {
  private DefaultCredentialTokens() {}

  static TokenSource forScope(String scope, Clock clock) {
    return new CredentialTokenSource(new DefaultAzureCredentialBuilder().build(), scope, clock);
  }
}
