package dev.containerwatch.azure.loaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.containerwatch.documents.Json;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ArmClient} over the JDK HTTP client: bearer tokens from a {@link TokenSource}, bounded
 * retries of 429, 500, 502, 503, 504, timeouts and connection failures (waiting {@code Retry-After}
 * seconds when ARM gives it), and ARM's {@code error.code} in the message of a call that fails for
 * good. Paged lists are followed only while {@code nextLink} stays on the endpoint, so that the
 * token never leaves it. Tokens, and the bodies of requests, are never put in a message.
 */
public final class ArmRestClient implements ArmClient {
  static final long TIMEOUT_SECONDS = 30;
  static final Duration TIMEOUT = Duration.ofSeconds(TIMEOUT_SECONDS);
  private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);
  private static final int MAX_PAGES = 1000;

  private final String endpoint;
  private final TokenSource tokens;
  private final HttpClient http;
  private final RetryPolicy retryPolicy;
  private final Retry.Sleeper sleeper;
  private final Duration timeout;

  /**
   * @param endpoint ARM's base URL ({@code https://management.azure.com}; another cloud's, or a
   *     test server's)
   */
  public ArmRestClient(
      URI endpoint,
      TokenSource tokens,
      HttpClient http,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper) {
    this(endpoint, tokens, http, retryPolicy, sleeper, TIMEOUT);
  }

  /**
   * @param timeout how long one attempt waits for ARM's answer before it counts as a retryable
   *     failure ({@value #TIMEOUT_SECONDS} s deployed; tests make it short)
   */
  public ArmRestClient(
      URI endpoint,
      TokenSource tokens,
      HttpClient http,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper,
      Duration timeout) {
    this.timeout = timeout;
    String base = endpoint.toString();
    this.endpoint = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    this.tokens = tokens;
    this.http = http;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
  }

  @Override
  public Optional<JsonNode> get(String path, String apiVersion) {
    Response r = call("GET", url(path, apiVersion), null, true);
    return r.status == 404 ? Optional.empty() : Optional.of(r.json());
  }

  @Override
  public List<JsonNode> list(String path, String apiVersion) {
    List<JsonNode> items = new ArrayList<>();
    URI next = url(path, apiVersion);
    for (int page = 0; next != null; page++) {
      if (page == MAX_PAGES) {
        throw new ArmException("GET " + path + ": more than " + MAX_PAGES + " pages", 0, null);
      }
      Response r = call("GET", next, null, false);
      JsonNode body = r.json();
      body.path("value").forEach(items::add);
      String link = body.path("nextLink").asText("");
      next = link.isEmpty() ? null : sameOrigin(link, path);
    }
    return items;
  }

  @Override
  public JsonNode put(String path, String apiVersion, JsonNode body) {
    Response r = call("PUT", url(path, apiVersion), body, false);
    try {
      return r.json();
    } catch (ArmException e) {
      // The status says the write was stored; an unreadable echo of it must not fail the write
      // (and have the whole event written again).
      return JsonNodeFactory.instance.objectNode();
    }
  }

  @Override
  public boolean delete(String path, String apiVersion) {
    Response r = call("DELETE", url(path, apiVersion), null, true);
    return r.status != 404 && r.status != 204;
  }

  @Override
  public JsonNode post(String path, String apiVersion, JsonNode body) {
    return call("POST", url(path, apiVersion), body, false).json();
  }

  private URI sameOrigin(String link, String path) {
    if (!link.startsWith(endpoint + "/")) {
      throw new ArmException(
          "GET " + path + ": nextLink leaves the ARM endpoint; not followed", 0, null);
    }
    return URI.create(link);
  }

  URI url(String path, String apiVersion) {
    String p = path.startsWith("/") ? path : "/" + path;
    return URI.create(endpoint + encodePath(p) + "?api-version=" + apiVersion);
  }

  /** Percent-encodes what a URI path may not hold; ARM ids are mostly plain. */
  static String encodePath(String path) {
    StringBuilder out = new StringBuilder(path.length());
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~/:@!$&'()*+,;=".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  private record Response(int status, String body) {
    JsonNode json() {
      if (body == null || body.isBlank()) {
        return JsonNodeFactory.instance.objectNode();
      }
      try {
        return Json.read(body);
      } catch (JsonProcessingException e) {
        throw new ArmException(
            "ARM answered " + status + " with a body that is not JSON", status, null);
      }
    }
  }

  private Response call(String method, URI uri, JsonNode body, boolean notFoundIsAnswer) {
    String what = method + " " + uri.getRawPath();
    return Retry.call(
        what,
        retryPolicy,
        sleeper,
        () -> {
          HttpRequest.Builder request =
              HttpRequest.newBuilder(uri)
                  .timeout(timeout)
                  .header("Authorization", "Bearer " + tokens.bearerToken())
                  .header("Accept", "application/json")
                  .header("User-Agent", "containerwatch");
          if (body != null) {
            request
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.writeBytes(body)));
          } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
          }
          HttpResponse<String> response;
          try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
          } catch (IOException e) {
            throw new Retry.Retryable(e.getClass().getSimpleName(), null);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ArmException(what + ": interrupted", 0, null);
          }
          int status = response.statusCode();
          if (status >= 200 && status < 300) {
            return new Response(status, response.body());
          }
          if (status == 404 && notFoundIsAnswer) {
            return new Response(404, null);
          }
          String code = errorCode(response.body());
          if (RETRIED.contains(status)) {
            throw new Retry.Retryable(
                "HTTP " + status + (code == null ? "" : " " + code), retryAfter(response));
          }
          throw new ArmException(
              what
                  + ": HTTP "
                  + status
                  + (code == null ? "" : " " + code)
                  + errorMessage(response.body()),
              status,
              code);
        });
  }

  /** {@code Retry-After} in seconds (ARM's form), or null. */
  static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .map(String::strip)
        .filter(v -> v.matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v)))
        .orElse(null);
  }

  private static String errorCode(String body) {
    JsonNode error = errorOf(body);
    return error == null ? null : error.path("code").asText(null);
  }

  private static String errorMessage(String body) {
    JsonNode error = errorOf(body);
    String message = error == null ? "" : error.path("message").asText("");
    if (message.isEmpty()) {
      return "";
    }
    message = message.replaceAll("\\s+", " ").strip();
    return ": " + (message.length() > 300 ? message.substring(0, 297) + "..." : message);
  }

  private static JsonNode errorOf(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode root = Json.read(body);
      return root.path("error").isObject() ? root.get("error") : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
