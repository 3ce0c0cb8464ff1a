package dev.containerwatch.aws.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.documents.Json;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Security Hub's REST API over the SDK's own parts: the request is signed with the SDK's SigV4
 * signer ({@link AwsV4HttpSigner}, service {@code securityhub}), sent with the same {@code
 * url-connection-client} as every SDK client, with the function's credentials.
 *
 * <p>Why not the SDK's {@code securityhub} client: its jar alone is 9.1 MB (4,477 model classes,
 * nearly all for resource details this project never sends), which puts the Lambda artifact over
 * its 20 MB budget (measured: 22.3 MB with it, 20.7 MB even with {@code minimizeJar}). Two
 * operations with JSON bodies this module builds anyway need none of it.
 *
 * <p>Throttling ({@code 429}, {@code TooManyRequestsException}, {@code LimitExceededException},
 * {@code ThrottlingException}), {@code 5xx}, I/O failures (connection reset, read timeout) and a
 * 2xx whose body is not the operation's answer are retried with the policy's jittered exponential
 * backoff, honouring {@code Retry-After}; anything else fails at once.
 */
public final class SecurityHubHttpClient implements SecurityHubApi {
  private static final Set<String> THROTTLING =
      Set.of(
          "TooManyRequestsException",
          "LimitExceededException",
          "ThrottlingException",
          "ThrottledException");

  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final URI endpointOverride;
  private final RetryPolicy retryPolicy;
  private final Retry.Sleeper sleeper;

  /**
   * @param endpointOverride the endpoint for every region (tests, emulators), or null for {@code
   *     https://securityhub.<region>.amazonaws.com}
   */
  public SecurityHubHttpClient(
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      URI endpointOverride,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper) {
    this.http = http;
    this.credentials = credentials;
    this.endpointOverride = endpointOverride;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
  }

  @Override
  public JsonNode batchImportFindings(String region, ArrayNode findings) {
    ObjectNode body = Json.object();
    body.set("Findings", findings);
    return call(
        "BatchImportFindings",
        region,
        "/findings/import",
        body,
        r -> r.has("FailedCount") || r.has("SuccessCount") || r.has("FailedFindings"));
  }

  @Override
  public JsonNode getFindings(String region, ObjectNode request) {
    return call("GetFindings", region, "/findings", request, r -> r.path("Findings").isArray());
  }

  /**
   * @param complete whether a 2xx body is the operation's answer: one that is not (empty, cut
   *     short, not JSON: a proxy or a broken connection) says nothing of what was stored, so the
   *     call is tried again, which an upsert makes safe
   */
  private JsonNode call(
      String operation,
      String region,
      String path,
      ObjectNode body,
      java.util.function.Predicate<JsonNode> complete) {
    byte[] payload = Json.writeBytes(body);
    URI endpoint =
        endpointOverride != null ? endpointOverride : URI.create(defaultEndpoint(region));
    try {
      return Retry.call(
          "Security Hub " + operation,
          retryPolicy,
          sleeper,
          () -> attempt(operation, region, endpoint, path, payload, complete));
    } catch (dev.containerwatch.pipeline.SinkException e) {
      if (e.getCause() instanceof SecurityHubException) {
        SecurityHubException cause = (SecurityHubException) e.getCause();
        throw new SecurityHubException(e.getMessage(), cause.status(), cause.errorType(), cause);
      }
      throw new SecurityHubException(e.getMessage(), 0, null, e);
    }
  }

  static String defaultEndpoint(String region) {
    return "https://securityhub."
        + region
        + ".amazonaws.com"
        + (region.startsWith("cn-") ? ".cn" : "");
  }

  private JsonNode attempt(
      String operation,
      String region,
      URI endpoint,
      String path,
      byte[] payload,
      java.util.function.Predicate<JsonNode> complete) {
    SdkHttpRequest request =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .encodedPath(stripSlash(endpoint.getRawPath()) + path)
            .putHeader("Content-Type", "application/json")
            .putHeader("Content-Length", Integer.toString(payload.length))
            .putHeader("User-Agent", "containerwatch")
            .build();
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(credentials.resolveCredentials())
                        .request(request)
                        .payload(ContentStreamProvider.fromByteArray(payload))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "securityhub")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpExecuteResponse response;
    byte[] responseBody;
    try {
      response =
          http.prepareRequest(
                  HttpExecuteRequest.builder()
                      .request(signed.request())
                      .contentStreamProvider(signed.payload().orElse(null))
                      .build())
              .call();
      responseBody = read(response.responseBody().orElse(null));
    } catch (IOException | UncheckedIOException e) {
      throw new Retry.Retryable(
          operation + ": " + e.getClass().getSimpleName() + ": " + e.getMessage(), null);
    }
    int status = response.httpResponse().statusCode();
    String text = new String(responseBody, StandardCharsets.UTF_8);
    if (status >= 200 && status < 300) {
      JsonNode answer;
      try {
        answer = Json.read(text);
      } catch (IOException e) {
        answer = null;
      }
      if (answer == null || !answer.isObject() || !complete.test(answer)) {
        throw new Retry.Retryable(
            operation + ": HTTP " + status + " but the body is not a " + operation + " answer",
            null);
      }
      return answer;
    }
    String errorType = errorType(response, text);
    String message = errorMessage(text);
    String what =
        operation
            + ": HTTP "
            + status
            + (errorType == null ? "" : " " + errorType)
            + (message == null ? "" : ": " + message);
    if (status == 429 || status >= 500 || (errorType != null && THROTTLING.contains(errorType))) {
      throw new Retry.Retryable(what, retryAfter(response));
    }
    throw new SecurityHubException(what, status, errorType, null);
  }

  private static String stripSlash(String path) {
    if (path == null || path.isEmpty() || path.equals("/")) {
      return "";
    }
    return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  private static byte[] read(InputStream in) throws IOException {
    if (in == null) {
      return new byte[0];
    }
    try (InputStream body = in) {
      return body.readAllBytes();
    }
  }

  /** {@code x-amzn-ErrorType: TooManyRequestsException:http://...} or the body's {@code __type}. */
  private static String errorType(HttpExecuteResponse response, String body) {
    Optional<String> header = response.httpResponse().firstMatchingHeader("x-amzn-ErrorType");
    String type = header.orElse(null);
    if (type == null) {
      try {
        JsonNode json = Json.read(body);
        type = json == null ? null : json.path("__type").asText(null);
      } catch (IOException e) {
        type = null;
      }
    }
    if (type == null) {
      return null;
    }
    int colon = type.indexOf(':');
    type = colon >= 0 ? type.substring(0, colon) : type;
    int hash = type.lastIndexOf('#');
    return hash >= 0 ? type.substring(hash + 1) : type;
  }

  private static String errorMessage(String body) {
    try {
      JsonNode json = Json.read(body);
      if (json == null) {
        return null;
      }
      for (String field : new String[] {"Message", "message"}) {
        if (json.path(field).isTextual()) {
          String m = json.get(field).asText();
          return m.length() > 300 ? m.substring(0, 300) + "..." : m;
        }
      }
    } catch (IOException e) {
      // not JSON: no message
    }
    return null;
  }

  private static Duration retryAfter(HttpExecuteResponse response) {
    return response
        .httpResponse()
        .firstMatchingHeader("Retry-After")
        .map(
            v -> {
              try {
                return Duration.ofSeconds(Long.parseLong(v.trim().toLowerCase(Locale.ROOT)));
              } catch (NumberFormatException e) {
                return null;
              }
            })
        .orElse(null);
  }
}
