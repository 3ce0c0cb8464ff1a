package dev.containerwatch.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.containerwatch.documents.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * Lambda entry point for EventBridge events (ECR, Inspector, Config, CloudTrail for EKS and ECR,
 * Scheduled Event), invoked by an EventBridge rule. Answers a summary of what was done; a load or
 * write that finally fails escapes, so that Lambda retries the event (and sends it to the
 * dead-letter destination in the end).
 *
 * <p>The raw JSON is read from the stream (no Lambda event classes), so every key is read as the
 * service writes it.
 */
public final class EventBridgeHandler implements RequestStreamHandler {
  private final Supplier<AwsFunction> function;

  /** The entry point Lambda instantiates: the container's function, made on first use. */
  public EventBridgeHandler() {
    this(AwsFunction::shared);
  }

  /** A handler onto a given function (tests, {@code cli replay}). */
  public EventBridgeHandler(AwsFunction function) {
    this(() -> function);
  }

  private EventBridgeHandler(Supplier<AwsFunction> function) {
    this.function = function;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] event = input.readAllBytes();
    output.write(Json.writeBytes(function.get().onEventBridge(event)));
    output.flush();
  }
}
