package dev.containerwatch.aws.loaders;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

/**
 * A credentials provider made on first use (the default chain is built only when an event needs an
 * API call or a write).
 */
public final class LazyCredentialsProvider implements AwsCredentialsProvider {
  private final Supplier<AwsCredentialsProvider> make;
  private volatile AwsCredentialsProvider provider;

  public LazyCredentialsProvider(Supplier<AwsCredentialsProvider> make) {
    this.make = make;
  }

  AwsCredentialsProvider get() {
    AwsCredentialsProvider p = provider;
    if (p == null) {
      synchronized (this) {
        if (provider == null) {
          provider = make.get();
        }
        p = provider;
      }
    }
    return p;
  }

  boolean made() {
    return provider != null;
  }

  @Override
  public AwsCredentials resolveCredentials() {
    return get().resolveCredentials();
  }

  @Override
  public CompletableFuture<AwsCredentialsIdentity> resolveIdentity(ResolveIdentityRequest request) {
    return get().resolveIdentity(request);
  }
}
