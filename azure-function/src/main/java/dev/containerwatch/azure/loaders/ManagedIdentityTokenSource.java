package dev.containerwatch.azure.loaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.documents.Json;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * Managed identity tokens over the JDK HTTP client, without azure-identity (whose MSAL and Reactor
 * classes cost a cold start more than the rest of the function):
 *
 * <ul>
 *   <li><b>App Service / Functions / Container Apps</b>: {@code GET $IDENTITY_ENDPOINT?api-version=
 *       2019-08-01&resource=<resource>[&client_id=<id>]} with header {@code X-IDENTITY-HEADER:
 *       $IDENTITY_HEADER}.
 *   <li><b>IMDS</b> (VMs, and where the variables above are absent): {@code GET
 *       http://169.254.169.254/metadata/identity/oauth2/token?api-version=2018-02-01&resource=...}
 *       with header {@code Metadata: true}; 404 and 410 (the endpoint not ready yet) are retried
 *       too, as the IMDS guidance says.
 * </ul>
 *
 * A user-assigned identity is chosen with its client id ({@code AZURE_CLIENT_ID}). The token is
 * kept until five minutes before its {@code expires_on}; 429 and 5xx answers, timeouts and
 * connection failures are retried with the function's backoff. Neither the token nor the secret
 * header ever appears in a message: a failure names the protocol, the resource, the HTTP status and
 * the endpoint's {@code error} code.
 *
 * @see <a
 *     href="https://learn.microsoft.com/azure/app-service/overview-managed-identity#rest-endpoint-reference">App
 *     Service REST endpoint</a>
 * @see <a
 *     href="https://learn.microsoft.com/entra/identity/managed-identities-azure-resources/how-to-use-vm-token#error-handling">IMDS
 *     error handling</a>
 */
public final class ManagedIdentityTokenSource implements TokenSource {
  public static final URI IMDS_ENDPOINT =
      URI.create("http://169.254.169.254/metadata/identity/oauth2/token");
  static final String APP_SERVICE_API_VERSION = "2019-08-01";
  static final String IMDS_API_VERSION = "2018-02-01";
  static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
  private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);
  private static final Set<Integer> RETRIED_BY_IMDS = Set.of(404, 410, 429, 500, 502, 503, 504);

  /** Which endpoint protocol a source speaks. */
  public enum Protocol {
    APP_SERVICE,
    IMDS
  }

  private final Protocol protocol;
  private final URI endpoint;
  private final String secretHeader;
  private final String resource;
  private final String clientId;
  private final HttpClient http;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final Retry.Sleeper sleeper;
  private final Duration timeout;
  private String token;
  private Instant expiresOn;

  /**
   * @param endpoint {@code IDENTITY_ENDPOINT}, or {@link #IMDS_ENDPOINT}
   * @param secretHeader {@code IDENTITY_HEADER} (App Service); null for IMDS
   * @param scope the audience's {@code .default} scope; its resource is asked for
   * @param clientId a user-assigned identity's client id, or null for the system-assigned one
   */
  public ManagedIdentityTokenSource(
      Protocol protocol,
      URI endpoint,
      String secretHeader,
      String scope,
      String clientId,
      HttpClient http,
      Clock clock,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper,
      Duration timeout) {
    this.protocol = Objects.requireNonNull(protocol, "protocol");
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.secretHeader = secretHeader;
    this.resource = resourceOf(Objects.requireNonNull(scope, "scope"));
    this.clientId = clientId == null || clientId.isBlank() ? null : clientId.strip();
    this.http = http;
    this.clock = clock;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
    this.timeout = timeout;
    if (protocol == Protocol.APP_SERVICE && (secretHeader == null || secretHeader.isBlank())) {
      throw new IllegalArgumentException("the App Service protocol needs IDENTITY_HEADER");
    }
  }

  /** {@code https://management.azure.com/.default} → {@code https://management.azure.com}. */
  static String resourceOf(String scope) {
    return scope.endsWith("/.default")
        ? scope.substring(0, scope.length() - "/.default".length())
        : scope;
  }

  @Override
  public synchronized String bearerToken() {
    Instant now = clock.instant();
    if (token == null || !now.isBefore(expiresOn.minus(REFRESH_BEFORE_EXPIRY))) {
      fetch(now);
    }
    return token;
  }

  private void fetch(Instant now) {
    String what = "managed identity token (" + protocolName() + ") for " + resource;
    URI uri = tokenUri();
    Retry.call(
        what,
        retryPolicy,
        sleeper,
        () -> {
          HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).GET();
          if (protocol == Protocol.APP_SERVICE) {
            request.header("X-IDENTITY-HEADER", secretHeader);
          } else {
            request.header("Metadata", "true");
          }
          HttpResponse<String> response;
          try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
          } catch (IOException e) {
            throw new Retry.Retryable(e.getClass().getSimpleName(), null);
          }
          int status = response.statusCode();
          if (status == 200) {
            read(response.body(), now, what);
            return null;
          }
          String error = errorCode(response.body());
          String failure = "HTTP " + status + (error == null ? "" : " " + error);
          if ((protocol == Protocol.IMDS ? RETRIED_BY_IMDS : RETRIED).contains(status)) {
            throw new Retry.Retryable(failure, ArmRestClient.retryAfter(response));
          }
          throw new SinkException(what + ": " + failure);
        });
  }

  private void read(String body, Instant now, String what) {
    JsonNode answer;
    try {
      answer = Json.read(body == null ? "" : body);
    } catch (JsonProcessingException e) {
      throw new SinkException(what + ": the answer is not JSON");
    }
    String accessToken = answer == null ? "" : answer.path("access_token").asText("");
    if (accessToken.isEmpty()) {
      throw new SinkException(what + ": the answer has no access_token");
    }
    Instant expiry = expiry(answer, now);
    if (expiry == null) {
      throw new SinkException(what + ": the answer has no usable expires_on or expires_in");
    }
    token = accessToken;
    expiresOn = expiry;
  }

  /** {@code expires_on} in epoch seconds (both protocols), else {@code expires_in} from now. */
  private static Instant expiry(JsonNode answer, Instant now) {
    String on = answer.path("expires_on").asText("").strip();
    if (on.matches("\\d{1,12}")) {
      return Instant.ofEpochSecond(Long.parseLong(on));
    }
    String in = answer.path("expires_in").asText("").strip();
    if (in.matches("\\d{1,9}")) {
      return now.plusSeconds(Long.parseLong(in));
    }
    return null;
  }

  private URI tokenUri() {
    String base = endpoint.toString();
    StringBuilder uri =
        new StringBuilder(base)
            .append(base.contains("?") ? '&' : '?')
            .append("api-version=")
            .append(protocol == Protocol.APP_SERVICE ? APP_SERVICE_API_VERSION : IMDS_API_VERSION)
            .append("&resource=")
            .append(URLEncoder.encode(resource, StandardCharsets.UTF_8));
    if (clientId != null) {
      uri.append("&client_id=").append(URLEncoder.encode(clientId, StandardCharsets.UTF_8));
    }
    return URI.create(uri.toString());
  }

  private String protocolName() {
    return protocol == Protocol.APP_SERVICE ? "App Service" : "IMDS";
  }

  private static String errorCode(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      JsonNode root = Json.read(body);
      JsonNode error = root.path("error");
      String code = error.isTextual() ? error.textValue() : error.path("code").asText(null);
      // Only a code-like word: the description may echo request details.
      return code != null && code.matches("[A-Za-z0-9_.-]{1,80}") ? code : null;
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return "managed identity (" + protocolName() + ") for " + resource;
  }
}
