package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.ErrorDetails;
import com.google.api.gax.rpc.StatusCode;
import dev.containerwatch.documents.Json;
import java.io.IOException;
import java.time.Duration;
import java.util.Set;

/** What the Google Cloud clients' errors say about retrying. */
public final class ApiErrors {

  /**
   * Server-side failures worth another attempt of an idempotent call, CANCELLED included: the
   * HTTP/JSON transport gives it for an answer it could not read ("Exception in message delivery":
   * a garbled or cut body).
   */
  public static final Set<StatusCode.Code> SERVER_ERRORS =
      Set.of(
          StatusCode.Code.UNAVAILABLE,
          StatusCode.Code.INTERNAL,
          StatusCode.Code.DEADLINE_EXCEEDED,
          StatusCode.Code.ABORTED,
          StatusCode.Code.UNKNOWN,
          // the HTTP/JSON transport's code for an answer it could not read
          StatusCode.Code.CANCELLED);

  /** Codes worth another attempt: throttling and the server errors. */
  public static final Set<StatusCode.Code> TRANSIENT = withThrottling(SERVER_ERRORS);

  private ApiErrors() {}

  private static Set<StatusCode.Code> withThrottling(Set<StatusCode.Code> codes) {
    Set<StatusCode.Code> all = new java.util.HashSet<>(codes);
    all.add(StatusCode.Code.RESOURCE_EXHAUSTED);
    return Set.copyOf(all);
  }

  /**
   * The delay the server asks for: {@code google.rpc.RetryInfo} in the error's details (gRPC, or
   * the HTTP/JSON error body), else null.
   */
  public static Duration retryDelay(ApiException e) {
    ErrorDetails details = e.getErrorDetails();
    if (details != null && details.getRetryInfo() != null) {
      com.google.protobuf.Duration d = details.getRetryInfo().getRetryDelay();
      return Duration.ofSeconds(d.getSeconds(), d.getNanos());
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      int brace = m == null ? -1 : m.indexOf('{');
      if (brace < 0 || !m.contains("retryDelay")) {
        continue;
      }
      try {
        for (JsonNode d : Json.read(m.substring(brace)).path("error").path("details")) {
          String delay = d.path("retryDelay").asText("");
          if (delay.endsWith("s")) {
            return Duration.ofMillis(
                (long) (Double.parseDouble(delay.substring(0, delay.length() - 1)) * 1000));
          }
        }
      } catch (IOException | NumberFormatException ex) {
        return null;
      }
    }
    return null;
  }

  /** The first line of a message, cut to 300 characters. */
  public static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    String line = nl < 0 ? s : s.substring(0, nl);
    return line.length() > 300 ? line.substring(0, 300) + "..." : line;
  }
}
