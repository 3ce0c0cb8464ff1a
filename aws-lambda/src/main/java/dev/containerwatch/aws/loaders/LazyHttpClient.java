package dev.containerwatch.aws.loaders;

import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * An HTTP client made on first use: an event that needs no API call never pays for building it (the
 * SDK's configuration defaults, about 700 classes on a cold start).
 */
public final class LazyHttpClient implements SdkHttpClient {
  private final Supplier<SdkHttpClient> make;
  private volatile SdkHttpClient client;

  public LazyHttpClient(Supplier<SdkHttpClient> make) {
    this.make = make;
  }

  /** The client, made now if it was not yet. */
  SdkHttpClient get() {
    SdkHttpClient c = client;
    if (c == null) {
      synchronized (this) {
        if (client == null) {
          client = make.get();
        }
        c = client;
      }
    }
    return c;
  }

  /** Whether the client was made. */
  boolean made() {
    return client != null;
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    return get().prepareRequest(request);
  }

  @Override
  public String clientName() {
    return get().clientName();
  }

  @Override
  public void close() {
    SdkHttpClient c = client;
    if (c != null) {
      c.close();
    }
  }
}
