package dev.containerwatch.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.EventGridTrigger;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.containerwatch.azure.handlers.Outcome;
import java.util.function.Supplier;

/**
 * Event Grid trigger ({@code containerwatch-eventgrid}) for the subscription, resource-group, Azure
 * Resource Notifications, container registry and AKS system topics, in the Event Grid or the
 * CloudEvents 1.0 schema. The event is bound as a string and parsed by the handler: both schemas,
 * and {@code data} delivered as a JSON string. A malformed or unknown event is logged and
 * acknowledged; a read or write that fails escapes, and Event Grid retries the delivery.
 */
public class EventGridFunction {
  private final Supplier<AzureApp> app;

  public EventGridFunction() {
    this(AzureApp::get);
  }

  public EventGridFunction(Supplier<AzureApp> app) {
    this.app = app;
  }

  @FunctionName("containerwatch-eventgrid")
  public void run(
      @EventGridTrigger(name = "event", dataType = "string") String event,
      final ExecutionContext context) {
    handle(event, context);
  }

  /** The handler's outcome, for tests and the command line's replay. */
  public Outcome handle(String event, ExecutionContext context) {
    return Invocations.handle(
        app, context, "eventGrid", (a, log) -> a.eventGrid().handle(event, log));
  }
}
