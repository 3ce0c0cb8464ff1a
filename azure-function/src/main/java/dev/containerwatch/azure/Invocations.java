package dev.containerwatch.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import dev.containerwatch.azure.handlers.HttpOutcome;
import dev.containerwatch.azure.handlers.JsonLog;
import java.util.function.Supplier;

/** What the function entry points share: the invocation's log, failures, HTTP answers. */
final class Invocations {
  private Invocations() {}

  static JsonLog log(ExecutionContext context, String function) {
    return new JsonLog(context.getLogger(), function, context.getInvocationId());
  }

  /**
   * The app, or the logged reason it cannot be built (a bad setting or configuration), rethrown so
   * that the invocation fails visibly.
   */
  static AzureApp app(Supplier<AzureApp> app, JsonLog log) {
    try {
      return app.get();
    } catch (RuntimeException e) {
      log.error("startup-failed", "reason", e.getMessage());
      throw e;
    }
  }

  /** Runs a handler; a failure is logged with its reason and rethrown so the platform retries. */
  static <T> T run(JsonLog log, Supplier<T> handler) {
    try {
      return handler.get();
    } catch (RuntimeException e) {
      log.error("failed", "reason", e.getClass().getSimpleName() + ": " + e.getMessage());
      throw e;
    }
  }

  static HttpResponseMessage respond(HttpRequestMessage<?> request, HttpOutcome outcome) {
    return request
        .createResponseBuilder(HttpStatus.valueOf(outcome.status()))
        .header("Content-Type", "application/json")
        .body(outcome.body().toString())
        .build();
  }
}
