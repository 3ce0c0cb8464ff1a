package dev.containerwatch.gcp;

import com.google.cloud.functions.HttpFunction;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * Entry point of the HTTP function ({@code --entry-point dev.containerwatch.gcp.WebhookFunction}):
 * {@code POST /admission} (Kubernetes validating admission webhook) and {@code POST
 * /dockerhub?token=...} (Docker Hub push webhook). See {@link WebhookHandler}.
 */
public final class WebhookFunction implements HttpFunction {
  private final Supplier<WebhookHandler> handler;

  public WebhookFunction() {
    this(() -> Instances.runtime().webhooks());
  }

  WebhookFunction(Supplier<WebhookHandler> handler) {
    this.handler = handler;
  }

  @Override
  public void service(HttpRequest request, HttpResponse response) throws IOException {
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(WebhookHandler.MAX_BODY_BYTES + 1);
    }
    WebhookHandler.Response r =
        handler
            .get()
            .handle(request.getMethod(), request.getPath(), request::getFirstQueryParameter, body);
    response.setStatusCode(r.status());
    response.setContentType("application/json");
    try (OutputStream out = response.getOutputStream()) {
      out.write(r.body().getBytes(StandardCharsets.UTF_8));
    }
  }
}
