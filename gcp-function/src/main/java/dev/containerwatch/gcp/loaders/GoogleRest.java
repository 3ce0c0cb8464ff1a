package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.documents.Json;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * GET requests to Google REST APIs with the JDK HTTP client: a bearer token, bounded retries with
 * backoff for 429 and 5xx (honouring {@code Retry-After}), 404 as "not there". Used where the
 * Google Cloud Java clients offer no HTTP/JSON transport (Grafeas) or no light client (Cloud
 * Storage's JSON API for one object).
 */
public final class GoogleRest {
  static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);

  private final HttpClient http;
  private final AccessTokens tokens;
  private final RetryPolicy policy;
  private final Retry.Sleeper sleeper;
  private final Duration timeout;

  public GoogleRest(
      HttpClient http, AccessTokens tokens, RetryPolicy policy, Retry.Sleeper sleeper) {
    this(http, tokens, policy, sleeper, TIMEOUT);
  }

  /**
   * @param timeout the time limit of one request (a read that takes longer is retried)
   */
  public GoogleRest(
      HttpClient http,
      AccessTokens tokens,
      RetryPolicy policy,
      Retry.Sleeper sleeper,
      Duration timeout) {
    this.timeout = timeout;
    this.http = http;
    this.tokens = tokens;
    this.policy = policy;
    this.sleeper = sleeper;
  }

  /** The body of a 2xx answer, or empty for 404. */
  public Optional<byte[]> get(URI uri, String what) {
    return get(uri, what, body -> body);
  }

  /** A body that is not what was asked for: read again, like a server error. */
  private interface Reader<T> {
    T read(byte[] body) throws IOException;
  }

  private <T> Optional<T> get(URI uri, String what, Reader<T> reader) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    request.header("Accept", "application/json");
    tokens.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
    HttpRequest built = request.build();
    try {
      return Retry.call(
          what,
          policy,
          sleeper,
          () -> {
            HttpResponse<byte[]> r;
            try {
              r = http.send(built, HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
              throw new Retry.Retryable("timed out", null);
            } catch (IOException e) {
              throw new Retry.Retryable("connection failed: " + e.getMessage(), null);
            }
            int status = r.statusCode();
            if (status >= 200 && status < 300) {
              try {
                return Optional.of(reader.read(r.body()));
              } catch (IOException e) {
                throw new Retry.Retryable("the answer is not JSON", null);
              }
            }
            if (status == 404) {
              return Optional.<T>empty();
            }
            String problem = status + " " + errorMessage(r.body());
            if (RETRIED.contains(status)) {
              throw new Retry.Retryable(problem, retryAfter(r));
            }
            throw new LoadException(what + ": " + problem);
          });
    } catch (SinkException e) {
      Throwable cause = e.getCause();
      if (cause instanceof LoadException) {
        throw (LoadException) cause;
      }
      throw new LoadException(e.getMessage(), e);
    }
  }

  /** The JSON body of a 2xx answer, or empty for 404. */
  public Optional<JsonNode> getJson(URI uri, String what) {
    return get(uri, what, Json::read);
  }

  /** The API's own error message ({@code error.message}), short; never the request. */
  private static String errorMessage(byte[] body) {
    try {
      JsonNode error = Json.read(body).path("error");
      String status = error.path("status").asText("");
      String message = error.path("message").asText("");
      String text = (status + " " + message).strip();
      return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static Duration retryAfter(HttpResponse<?> r) {
    return r.headers()
        .firstValue("Retry-After")
        .map(
            v -> {
              try {
                return Duration.ofSeconds(Long.parseLong(v.strip()));
              } catch (NumberFormatException e) {
                return null;
              }
            })
        .orElse(null);
  }
}
