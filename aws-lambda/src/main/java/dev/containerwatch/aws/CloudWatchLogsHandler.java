package dev.containerwatch.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.containerwatch.documents.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.function.Supplier;

/**
 * Lambda entry point for CloudWatch Logs subscription events of EKS control-plane log groups: the
 * kube-apiserver-audit streams feed the data-plane rules.
 *
 * <p>The raw JSON is read from the stream (no Lambda event classes), so every key is read as the
 * service writes it.
 */
public final class CloudWatchLogsHandler implements RequestStreamHandler {
  private final Supplier<AwsFunction> function;

  /** The entry point Lambda instantiates: the container's function, made on first use. */
  public CloudWatchLogsHandler() {
    this(AwsFunction::shared);
  }

  /** A handler onto a given function (tests, {@code cli replay}). */
  public CloudWatchLogsHandler(AwsFunction function) {
    this(() -> function);
  }

  private CloudWatchLogsHandler(Supplier<AwsFunction> function) {
    this.function = function;
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] event = input.readAllBytes();
    output.write(Json.writeBytes(function.get().onCloudWatchLogs(event)));
    output.flush();
  }
}
