package dev.containerwatch.azure.loaders;

/**
 * Bearer tokens for one audience (ARM, Blob storage). The deployed function uses {@link
 * ManagedIdentityTokenSource}, a local run {@link AzureCliTokenSource} ({@link TokenSources}
 * chooses); tests pass a fixed fake token.
 */
@FunctionalInterface
public interface TokenSource {

  /** A valid access token; implementations cache it until shortly before it expires. */
  String bearerToken();
}
