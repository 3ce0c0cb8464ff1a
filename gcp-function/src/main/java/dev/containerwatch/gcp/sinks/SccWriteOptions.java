package dev.containerwatch.gcp.sinks;

import java.time.Duration;

/**
 * How the Security Command Center sink spends its quota and its time.
 *
 * @param writesPerMinute client-side pacing of writes (a token bucket of a minute's writes), below
 *     the documented quota of 1,000 writes per minute per project; 0 for none
 * @param retryBudget the longest a write keeps retrying (waits included) before the invocation
 *     fails: below the function's timeout
 * @param throttleBaseDelay the first wait after {@code RESOURCE_EXHAUSTED} (HTTP 429); it doubles
 *     with each refusal, with jitter, up to {@code throttleMaxDelay}
 * @param throttleMaxDelay the longest wait after a refusal: the quota refills per minute
 * @param ordered read a resource's stored findings of the source ({@code ListFindings}, one call
 *     per resource) before writing, and skip a write whose stored {@code event_time} is later
 */
public record SccWriteOptions(
    int writesPerMinute,
    Duration retryBudget,
    Duration throttleBaseDelay,
    Duration throttleMaxDelay,
    boolean ordered) {

  /** The default pacing: 96% of the 1,000 writes per minute quota. */
  public static final int DEFAULT_WRITES_PER_MINUTE = 960;

  /** The default retry budget: below the 60 s default timeout of an event-driven function. */
  public static final Duration DEFAULT_RETRY_BUDGET = Duration.ofSeconds(45);

  public SccWriteOptions {
    if (writesPerMinute < 0) {
      throw new IllegalArgumentException("writesPerMinute must not be negative");
    }
  }

  /** Paced at {@value #DEFAULT_WRITES_PER_MINUTE}/min, 45 s of retries, 1 s to 60 s, ordered. */
  public static SccWriteOptions defaults() {
    return new SccWriteOptions(
        DEFAULT_WRITES_PER_MINUTE,
        DEFAULT_RETRY_BUDGET,
        Duration.ofSeconds(1),
        Duration.ofSeconds(60),
        true);
  }

  /** No pacing and no read before writing (a recording client, a replay). */
  public static SccWriteOptions unpaced() {
    return new SccWriteOptions(
        0, DEFAULT_RETRY_BUDGET, Duration.ofSeconds(1), Duration.ofSeconds(60), false);
  }

  public SccWriteOptions withWritesPerMinute(int perMinute) {
    return new SccWriteOptions(
        perMinute, retryBudget, throttleBaseDelay, throttleMaxDelay, ordered);
  }

  public SccWriteOptions withRetryBudget(Duration budget) {
    return new SccWriteOptions(
        writesPerMinute, budget, throttleBaseDelay, throttleMaxDelay, ordered);
  }
}
