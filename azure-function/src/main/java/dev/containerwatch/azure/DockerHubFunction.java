package dev.containerwatch.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.annotation.AuthorizationLevel;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.HttpTrigger;
import dev.containerwatch.azure.handlers.HttpOutcome;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HTTP trigger ({@code containerwatch-dockerhub}, {@code POST /api/dockerhub?token=<secret>}) for
 * Docker Hub's repository webhooks. Docker Hub sends no function key, so the route is anonymous and
 * the shared secret {@code CONTAINERWATCH_DOCKERHUB_TOKEN} is checked in constant time (401
 * otherwise, before the body is read).
 */
public class DockerHubFunction {
  private final Supplier<AzureApp> app;

  public DockerHubFunction() {
    this(AzureApp::get);
  }

  public DockerHubFunction(Supplier<AzureApp> app) {
    this.app = app;
  }

  @FunctionName("containerwatch-dockerhub")
  public HttpResponseMessage run(
      @HttpTrigger(
              name = "request",
              methods = {HttpMethod.POST},
              authLevel = AuthorizationLevel.ANONYMOUS,
              route = "dockerhub")
          HttpRequestMessage<Optional<String>> request,
      final ExecutionContext context) {
    return Invocations.respond(request, handle(request, context));
  }

  public HttpOutcome handle(
      HttpRequestMessage<Optional<String>> request, ExecutionContext context) {
    return Invocations.handle(
        app,
        context,
        "dockerHub",
        (a, log) ->
            a.dockerHub()
                .handle(
                    request.getQueryParameters().get("token"),
                    request.getBody().orElse("").getBytes(StandardCharsets.UTF_8),
                    log));
  }
}
