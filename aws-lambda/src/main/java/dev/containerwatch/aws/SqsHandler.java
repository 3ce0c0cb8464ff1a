package dev.containerwatch.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.containerwatch.documents.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * Lambda entry point for SQS batches of EventBridge events (EventBridge → SQS → Lambda, with
 * ReportBatchItemFailures): answers {@code {"batchItemFailures": [{"itemIdentifier": messageId}]}},
 * so that only the messages whose processing failed are delivered again.
 *
 * <p>The raw JSON is read from the stream (no Lambda event classes), so every key is read as the
 * service writes it.
 */
public final class SqsHandler implements RequestStreamHandler {
  private final Supplier<AwsFunction> function;

  /** The entry point Lambda instantiates: the container's function, made on first use. */
  public SqsHandler() {
    this(AwsFunction::shared);
  }

  /** A handler onto a given function (tests, {@code cli replay}). */
  public SqsHandler(AwsFunction function) {
    this(() -> function);
  }

  private SqsHandler(Supplier<AwsFunction> function) {
    this.function = function;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] event = input.readAllBytes();
    output.write(Json.writeBytes(function.get().onSqs(event)));
    output.flush();
  }
}
