package dev.containerwatch.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FixedDelayRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import dev.containerwatch.azure.handlers.Outcome;
import java.util.function.Supplier;

/**
 * Timer trigger ({@code containerwatch-sweep}, every six hours at minute 17) sweeping the
 * subscriptions of {@code CONTAINERWATCH_SUBSCRIPTIONS}: every cluster, registry, Arc cluster,
 * Defender plan and connector is evaluated again, and assessments of resources that no longer exist
 * are deleted. A failed sweep is retried twice, ten minutes apart.
 */
public class SweepFunction {
  public static final String SCHEDULE = "0 17 */6 * * *";

  private final Supplier<AzureApp> app;

  public SweepFunction() {
    this(AzureApp::get);
  }

  public SweepFunction(Supplier<AzureApp> app) {
    this.app = app;
  }

  @FunctionName("containerwatch-sweep")
  @FixedDelayRetry(maxRetryCount = 2, delayInterval = "00:10:00")
  public void run(
      @TimerTrigger(name = "timer", schedule = SCHEDULE) String timerInfo,
      final ExecutionContext context) {
    handle(context);
  }

  public Outcome handle(ExecutionContext context) {
    return Invocations.handle(app, context, "sweep", (a, log) -> a.sweep().handle(log));
  }
}
