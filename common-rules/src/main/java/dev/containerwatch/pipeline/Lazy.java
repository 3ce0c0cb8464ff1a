package dev.containerwatch.pipeline;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A value made on first use and kept, by whichever thread asks first: what a function instance
 * shares (clients, sinks, handlers) is built only when an event needs it, so that an invocation
 * that needs no API call never pays for one. A failure to make the value is thrown to the caller,
 * and the next call tries again.
 *
 * <pre>{@code
 * Lazy<HttpClient> http = new Lazy<>(HttpClient::newHttpClient);
 * http.get().send(request, BodyHandlers.ofString());
 * }</pre>
 */
public final class Lazy<T> implements Supplier<T> {
  private final Supplier<? extends T> make;
  private volatile T value;

  public Lazy(Supplier<? extends T> make) {
    this.make = make;
  }

  @Override
  public T get() {
    T v = value;
    if (v == null) {
      synchronized (this) {
        v = value;
        if (v == null) {
          v = make.get();
          value = v;
        }
      }
    }
    return v;
  }

  /** True once the value has been made. */
  public boolean isBuilt() {
    return value != null;
  }

  /** The value when it has been made, without making it (to close what was opened). */
  public Optional<T> ifBuilt() {
    return Optional.ofNullable(value);
  }
}
