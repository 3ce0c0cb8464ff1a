package dev.containerwatch.gcp.loaders;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK's HTTP client, made on first use: building one initialises TLS (the default {@link
 * SSLContext}, a selector thread), a few hundred milliseconds of a cold start that an event needing
 * no call (a Cloud Asset feed message, written to a store that is not reached over it) never pays.
 */
public final class LazyHttpClient extends HttpClient {
  private final Supplier<HttpClient> make;
  private volatile HttpClient client;

  public LazyHttpClient(Supplier<HttpClient> make) {
    this.make = make;
  }

  /** The client, made now if it was not yet. */
  public HttpClient get() {
    HttpClient c = client;
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
  public boolean made() {
    return client != null;
  }

  @Override
  public Optional<CookieHandler> cookieHandler() {
    return get().cookieHandler();
  }

  @Override
  public Optional<Duration> connectTimeout() {
    return get().connectTimeout();
  }

  @Override
  public Redirect followRedirects() {
    return get().followRedirects();
  }

  @Override
  public Optional<ProxySelector> proxy() {
    return get().proxy();
  }

  @Override
  public SSLContext sslContext() {
    return get().sslContext();
  }

  @Override
  public SSLParameters sslParameters() {
    return get().sslParameters();
  }

  @Override
  public Optional<Authenticator> authenticator() {
    return get().authenticator();
  }

  @Override
  public Version version() {
    return get().version();
  }

  @Override
  public Optional<Executor> executor() {
    return get().executor();
  }

  @Override
  public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
      throws IOException, InterruptedException {
    return get().send(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    return get().sendAsync(request, handler);
  }

  @Override
  public <T> CompletableFuture<HttpResponse<T>> sendAsync(
      HttpRequest request,
      HttpResponse.BodyHandler<T> handler,
      HttpResponse.PushPromiseHandler<T> pushPromiseHandler) {
    return get().sendAsync(request, handler, pushPromiseHandler);
  }

  @Override
  public WebSocket.Builder newWebSocketBuilder() {
    return get().newWebSocketBuilder();
  }
}
