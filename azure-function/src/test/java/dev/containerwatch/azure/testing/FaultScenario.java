package dev.containerwatch.azure.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One row of a fault-injection matrix: what the endpoint answers first, how many requests the
 * client must then make, whether the call succeeds in the end, and the waits between attempts
 * ({@code exactWaits} when the server dictates them with {@code Retry-After}; otherwise each wait
 * must lie within the policy's jittered exponential bound).
 *
 * @param persistent the last step is answered to every later request too
 */
public record FaultScenario(
    String name,
    List<FaultStep> steps,
    boolean persistent,
    int attempts,
    boolean succeeds,
    List<Duration> exactWaits) {

  @Override
  public String toString() {
    return name;
  }

  /**
   * The faults every target is tested with, for a policy of {@code policy.maxAttempts()} attempts:
   * each transient fault once and then success, a {@code Retry-After} longer than the policy's cap,
   * and faults that last longer than the retries.
   */
  public static List<FaultScenario> transientAndLasting(RetryPolicy policy) {
    int max = policy.maxAttempts();
    Duration cap = policy.maxDelay();
    List<FaultScenario> rows = new ArrayList<>();
    rows.add(
        once("429 with Retry-After 7", FaultStep.throttled("7"), List.of(Duration.ofSeconds(7))));
    rows.add(
        once("429 with a Retry-After beyond the cap", FaultStep.throttled("3600"), List.of(cap)));
    rows.add(
        new FaultScenario(
            "429 without Retry-After, twice",
            List.of(FaultStep.throttled(null), FaultStep.throttled(null)),
            false,
            3,
            true,
            null));
    rows.add(once("500", FaultStep.status(500), null));
    rows.add(once("502", FaultStep.status(502), null));
    rows.add(once("503", FaultStep.status(503), null));
    rows.add(once("read timeout", FaultStep.slow(), null));
    rows.add(once("connection reset", FaultStep.connectionReset(), null));
    rows.add(lasting("503 on every attempt", FaultStep.status(503), max, null));
    List<Duration> retryAfters = new ArrayList<>();
    for (int i = 1; i < max; i++) {
      retryAfters.add(Duration.ofSeconds(2));
    }
    rows.add(
        lasting(
            "429 with Retry-After 2 on every attempt", FaultStep.throttled("2"), max, retryAfters));
    rows.add(lasting("connection reset on every attempt", FaultStep.connectionReset(), max, null));
    rows.add(lasting("read timeout on every attempt", FaultStep.slow(), max, null));
    return rows;
  }

  /** A fault answered once, then the normal answer. */
  public static FaultScenario once(String fault, FaultStep step, List<Duration> waits) {
    return new FaultScenario(fault + ", then success", List.of(step), false, 2, true, waits);
  }

  /** A fault answered to every request. */
  public static FaultScenario lasting(
      String name, FaultStep step, int attempts, List<Duration> waits) {
    return new FaultScenario(name, List.of(step), true, attempts, false, waits);
  }

  /** A fault that is not retried: one request, and the call fails. */
  public static FaultScenario notRetried(String name, FaultStep step) {
    return new FaultScenario(name, List.of(step), true, 1, false, List.of());
  }

  /** A fault after which the call still succeeds at the first attempt (a body not needed). */
  public static FaultScenario harmless(String name, FaultStep step) {
    return new FaultScenario(name, List.of(step), false, 1, true, List.of());
  }

  /**
   * Injects the faults on {@code method pathRegex}, runs the call and checks the attempts, the
   * outcome and the waits recorded by the sleeper.
   */
  public void check(
      FakeAzure azure,
      String method,
      String pathRegex,
      RetryPolicy policy,
      RecordingSleeper sleeper,
      Runnable call) {
    azure.inject(method, pathRegex, steps, persistent);
    if (succeeds) {
      call.run();
    } else {
      assertThatThrownBy(call::run).isInstanceOf(SinkException.class);
    }
    assertThat(azure.awaitServed(method, pathRegex, attempts).received())
        .as("requests")
        .isEqualTo(attempts);
    checkWaits(sleeper.waits(), attempts - 1, policy);
  }

  /** The waits: exactly the server's, or each within the jittered exponential bound. */
  public void checkWaits(List<Duration> waits, int retries, RetryPolicy policy) {
    if (exactWaits != null) {
      assertThat(waits).as("waits").isEqualTo(exactWaits);
      return;
    }
    assertThat(waits).as("waits").hasSize(retries);
    for (int n = 1; n <= waits.size(); n++) {
      Duration bound = policy.baseDelay().multipliedBy(1L << (n - 1));
      if (bound.compareTo(policy.maxDelay()) > 0) {
        bound = policy.maxDelay();
      }
      assertThat(waits.get(n - 1)).as("wait before retry " + n).isBetween(Duration.ZERO, bound);
    }
  }
}
