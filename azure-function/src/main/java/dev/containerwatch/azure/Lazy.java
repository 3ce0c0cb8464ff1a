package dev.containerwatch.azure;

import java.util.function.Supplier;

/** A value made on first use and kept: clients are built only when an event needs them. */
final class Lazy<T> implements Supplier<T> {
  private final Supplier<T> make;
  private volatile T value;

  Lazy(Supplier<T> make) {
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

  /** Whether the value was made. */
  boolean made() {
    return value != null;
  }
}
