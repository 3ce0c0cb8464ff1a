package dev.containerwatch.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.Cardinality;
import com.microsoft.azure.functions.annotation.EventHubTrigger;
import com.microsoft.azure.functions.annotation.ExponentialBackoffRetry;
import com.microsoft.azure.functions.annotation.FunctionName;
import dev.containerwatch.azure.handlers.Outcome;
import java.util.List;
import java.util.function.Supplier;

/**
 * Event Hub trigger ({@code containerwatch-aks-audit}) for AKS resource logs: a diagnostic setting
 * of each cluster streams {@code kube-audit} (or {@code kube-audit-admin}) to the hub named by the
 * app setting {@code CONTAINERWATCH_EVENTHUB_NAME}, in the namespace of the identity-based
 * connection {@code CONTAINERWATCH_EVENTHUB__fullyQualifiedNamespace}. Messages arrive in batches;
 * the changed Kubernetes objects are evaluated with the data-plane rules.
 *
 * <p>The Event Hubs trigger moves its checkpoint even when an invocation fails, so the function
 * retries a failed batch itself (exponential backoff, 5 times) before giving it up.
 */
public class AksAuditLogFunction {
  private final Supplier<AzureApp> app;

  public AksAuditLogFunction() {
    this(AzureApp::get);
  }

  public AksAuditLogFunction(Supplier<AzureApp> app) {
    this.app = app;
  }

  @FunctionName("containerwatch-aks-audit")
  @ExponentialBackoffRetry(
      maxRetryCount = 5,
      minimumInterval = "00:00:10",
      maximumInterval = "00:05:00")
  public void run(
      @EventHubTrigger(
              name = "messages",
              eventHubName = "%CONTAINERWATCH_EVENTHUB_NAME%",
              connection = "CONTAINERWATCH_EVENTHUB",
              consumerGroup = "$Default",
              cardinality = Cardinality.MANY,
              dataType = "string")
          List<String> messages,
      final ExecutionContext context) {
    handle(messages, context);
  }

  public Outcome handle(List<String> messages, ExecutionContext context) {
    return Invocations.handle(
        app, context, "aksAudit", (a, log) -> a.auditLog().handle(messages, log));
  }
}
