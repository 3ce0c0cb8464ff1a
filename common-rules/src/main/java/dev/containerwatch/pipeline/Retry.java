package dev.containerwatch.pipeline;

import java.time.Duration;

/**
 * Runs an attempt until it succeeds, fails for good, or the policy's attempts are spent. An attempt
 * signals a failure worth retrying (throttling, a 5xx, a timeout) with {@link Retryable}; any other
 * exception ends the retries at once.
 *
 * <pre>{@code
 * HttpResponse<String> r = Retry.call("POST webhook", policy, sleeper, () -> send(request));
 * }</pre>
 */
public final class Retry {
  private Retry() {}

  /** Waits between attempts; tests pass one that records instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
  }

  /** One try. */
  @FunctionalInterface
  public interface Attempt<T> {
    T run() throws Exception;
  }

  /** A failure that another attempt may cure; {@code retryAfter} is the server's wish, if any. */
  public static final class Retryable extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Duration retryAfter;

    public Retryable(String message, Duration retryAfter) {
      super(message);
      this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
      return retryAfter;
    }
  }

  /**
   * @throws SinkException when the last attempt failed, naming {@code what}, the attempts and the
   *     last failure
   */
  public static <T> T call(String what, RetryPolicy policy, Sleeper sleeper, Attempt<T> attempt) {
    Retryable last = null;
    for (int n = 1; n <= policy.maxAttempts(); n++) {
      if (last != null) {
        try {
          sleeper.sleep(policy.backoff(n - 1, last.retryAfter()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new SinkException(what + ": interrupted while waiting to retry", e);
        }
      }
      try {
        return attempt.run();
      } catch (Retryable e) {
        last = e;
      } catch (SinkException e) {
        throw e;
      } catch (Exception e) {
        throw new SinkException(what + ": " + e.getMessage(), e);
      }
    }
    throw new SinkException(
        what + ": failed after " + policy.maxAttempts() + " attempts; last: " + last.getMessage(),
        last);
  }
}
