package dev.containerwatch.gcp.sinks;

import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.SinkException;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Client-side pacing of writes: a token bucket shared by every writer of a sink. It holds up to a
 * minute's writes and refills at {@code writesPerMinute / 60} per second, the shape of a per-minute
 * quota, so that one instance never asks for more than the store grants. When the store throttles
 * all the same (other instances share the quota), {@link #throttled()} empties the bucket so that
 * every writer slows down, not only the one that was refused.
 */
final class WritePacer {
  private final double perNano;
  private final double capacity;
  private final LongSupplier nanoTime;
  private final Retry.Sleeper sleeper;
  private double tokens;
  private long last;

  /**
   * @param nanoTime a monotonic time in nanoseconds ({@code System::nanoTime}; tests pass one that
   *     their sleeper advances)
   */
  WritePacer(int writesPerMinute, LongSupplier nanoTime, Retry.Sleeper sleeper) {
    if (writesPerMinute < 1) {
      throw new IllegalArgumentException("writesPerMinute must be at least 1");
    }
    this.perNano = writesPerMinute / 60e9;
    this.capacity = writesPerMinute;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.tokens = capacity;
    this.last = nanoTime.getAsLong();
  }

  /** Waits until a write may go, and takes its token. */
  void acquire() {
    while (true) {
      long waitNanos;
      synchronized (this) {
        refill();
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        waitNanos = (long) Math.ceil((1 - tokens) / perNano);
      }
      try {
        sleeper.sleep(Duration.ofNanos(Math.max(waitNanos, 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SinkException("interrupted while pacing writes", e);
      }
    }
  }

  /** The store refused a write for its quota: no more writes until the bucket refills. */
  synchronized void throttled() {
    refill();
    tokens = Math.min(tokens, 0);
  }

  private void refill() {
    long now = nanoTime.getAsLong();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
  }
}
