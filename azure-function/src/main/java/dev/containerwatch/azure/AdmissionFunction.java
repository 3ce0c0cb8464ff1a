package dev.containerwatch.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.containerwatch.azure.handlers.HttpOutcome;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HTTP trigger ({@code containerwatch-admission}, {@code POST /api/admission?cluster=<ARM id>},
 * function key required) for a Kubernetes {@code ValidatingWebhookConfiguration}: answers
 * AdmissionReviews with the data-plane rules (warnings in audit mode, 403 denials for rules set to
 * {@code deny}), 400 on a body that is not an AdmissionReview.
 */
public class AdmissionFunction {
  private final Supplier<AzureApp> app;

  public AdmissionFunction() {
    this(AzureApp::get);
  }

  public AdmissionFunction(Supplier<AzureApp> app) {
    this.app = app;
  }

  @FunctionName("containerwatch-admission")
  public HttpResponseMessage run(
      @HttpTrigger(
              name = "request",
              methods = {HttpMethod.POST},
              authLevel = AuthorizationLevel.FUNCTION,
              route = "admission")
          HttpRequestMessage<Optional<String>> request,
      final ExecutionContext context) {
    return Invocations.respond(request, handle(request, context));
  }

  public HttpOutcome handle(
      HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
    return Invocations.handle(
        app,
        context,
        "admission",
        (a, log) ->
            a.admission()
                .handle(
                    request.getBody().orElse(""),
                    request.getQueryParameters().get("cluster"),
                    log));
  }
}
