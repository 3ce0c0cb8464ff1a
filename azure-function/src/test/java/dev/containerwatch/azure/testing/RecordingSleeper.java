package dev.containerwatch.azure.testing;

import dev.containerwatch.pipeline.Retry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the waits between retries instead of sleeping. */
public final class RecordingSleeper implements Retry.Sleeper {
  private final List<Duration> waits = new ArrayList<>();

  @Override
  public void sleep(Duration duration) {
    waits.add(duration);
  }

  public List<Duration> waits() {
    return waits;
  }
}
