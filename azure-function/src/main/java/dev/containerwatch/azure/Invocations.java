package dev.containerwatch.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import dev.containerwatch.azure.handlers.HttpOutcome;
import dev.containerwatch.azure.handlers.JsonLog;
import dev.containerwatch.documents.Json;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/** What the function entry points share: the invocation's log, failures, HTTP answers. */
final class Invocations {
  private Invocations() {}

  /**
   * One invocation of a function: its log, the app (or the logged reason it cannot be built: a bad
   * setting or configuration, rethrown so that the invocation fails visibly), then the handler (a
   * failure is logged with its reason and rethrown so the platform retries).
   */
  static <T> T handle(
      Supplier<AzureApp> app,
      ExecutionContext context,
      String function,
      BiFunction<AzureApp, JsonLog, T> handler) {
    JsonLog log = new JsonLog(context.getLogger(), function, context.getInvocationId());
    AzureApp a;
    try {
      a = app.get();
    } catch (RuntimeException e) {
      log.error("startup-failed", "reason", e.getMessage());
      throw e;
    }
    try {
      return handler.apply(a, log);
    } catch (RuntimeException e) {
      log.error("failed", "reason", e.getClass().getSimpleName() + ": " + e.getMessage());
      throw e;
    }
  }

  static HttpResponseMessage respond(HttpRequestMessage<?> request, HttpOutcome outcome) {
    return request
        .createResponseBuilder(HttpStatus.valueOf(outcome.status()))
        .header("Content-Type", "application/json")
        .body(Json.write(outcome.body()))
        .build();
  }
}
