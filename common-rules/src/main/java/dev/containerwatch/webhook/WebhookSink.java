package dev.containerwatch.webhook;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingId;
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Sends findings to a webhook, signed the Standard Webhooks way, as the deployed functions and
 * {@code cli replay --webhook} do.
 *
 * <p>Body: {@code {"type": "containerwatch.findings.v1", "timestamp": <latest observation>, "data":
 * {"findings": [<neutral JSON>...]}}}, at most {@value #BATCH_SIZE} findings per request; a deleted
 * resource sends {@code containerwatch.resource.deleted.v1} with the ids of its findings. The body
 * depends only on the findings, so {@code webhook-id} (derived from it) is the same when the
 * platform retries an event: receivers deduplicate on it.
 *
 * <p>Delivery: 2xx is done; 429, 500, 502, 503, 504, timeouts and connection failures are retried
 * with backoff (honouring {@code Retry-After}); other answers fail at once (410 Gone says the
 * endpoint is retired). Neither the secret nor the URL's query is ever logged or put in an error.
 *
 * <p>Settings from the environment: {@value #ENV_URL}, {@value #ENV_SECRET} ({@code whsec_...}),
 * and {@value #ENV_STATUSES} (default {@code FAILED}; add {@code PASSED} to hear of fixes).
 */
public final class WebhookSink implements FindingSink {
  public static final String ENV_URL = "CONTAINERWATCH_WEBHOOK_URL";
  public static final String ENV_SECRET = "CONTAINERWATCH_WEBHOOK_SECRET";
  public static final String ENV_STATUSES = "CONTAINERWATCH_WEBHOOK_STATUSES";

  static final int BATCH_SIZE = 100;
  static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);

  private final WebhookTarget target;
  private final WebhookSigner signer;
  private final Set<Status> statuses;
  private final HttpClient http;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final Retry.Sleeper sleeper;

  public WebhookSink(
      WebhookTarget target,
      WebhookSigner signer,
      Set<Status> statuses,
      HttpClient http,
      Clock clock,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper) {
    this.target = target;
    this.signer = signer;
    this.statuses = statuses.isEmpty() ? Set.of() : EnumSet.copyOf(statuses);
    this.http = http;
    this.clock = clock;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
  }

  /**
   * The sink the environment configures, or null when {@value #ENV_URL} is not set.
   *
   * @throws InvalidInputException when the URL, secret or statuses are not acceptable
   */
  public static WebhookSink fromEnvironment(Map<String, String> env, HttpClient http) {
    String url = env.get(ENV_URL);
    if (url == null || url.isBlank()) {
      return null;
    }
    WebhookTarget target = WebhookTarget.of(url, false, false);
    WebhookSigner signer = new WebhookSigner(env.get(ENV_SECRET));
    return new WebhookSink(
        target,
        signer,
        parseStatuses(env.getOrDefault(ENV_STATUSES, "FAILED")),
        http,
        Clock.systemUTC(),
        RetryPolicy.defaults(),
        Retry.Sleeper.REAL);
  }

  /** {@code FAILED,PASSED} → the statuses; names the wrong one otherwise. */
  public static Set<Status> parseStatuses(String text) {
    Set<Status> out = EnumSet.noneOf(Status.class);
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      try {
        out.add(Status.valueOf(part.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new InvalidInputException(
            ENV_STATUSES
                + ": unknown status '"
                + part.strip()
                + "' (PASSED, FAILED, NOT_APPLICABLE, UNKNOWN)");
      }
    }
    return out;
  }

  @Override
  public String name() {
    return "webhook";
  }

  @Override
  public void write(List<Finding> findings) {
    List<Finding> sent = new ArrayList<>();
    for (Finding f : findings) {
      if (statuses.contains(f.status())) {
        sent.add(f);
      }
    }
    for (int from = 0; from < sent.size(); from += BATCH_SIZE) {
      List<Finding> batch = sent.subList(from, Math.min(sent.size(), from + BATCH_SIZE));
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("type", "containerwatch.findings.v1");
      body.put(
          "timestamp",
          batch.stream().map(Finding::observedAt).max(Instant::compareTo).orElseThrow().toString());
      body.putObject("data").set("findings", FindingJson.toJson(batch));
      post(body);
    }
  }

  @Override
  public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("type", "containerwatch.resource.deleted.v1");
    body.put("timestamp", time.toString());
    ObjectNode data = body.putObject("data");
    data.put("resourceId", resource.id());
    data.put("resourceType", resource.type().nativeName());
    ArrayNode ids = data.putArray("findingIds");
    ruleIds.forEach(r -> ids.add(FindingId.of(r, resource.canonicalId(), null).hex()));
    post(body);
  }

  private void post(ObjectNode body) {
    byte[] bytes = Json.writeBytes(body);
    String messageId = "msg_" + sha256Hex(bytes).substring(0, 32);
    String where = "POST " + target.redacted();
    Retry.call(
        where,
        retryPolicy,
        sleeper,
        () -> {
          target.checkAddresses();
          long now = clock.instant().getEpochSecond();
          HttpRequest request =
              HttpRequest.newBuilder(target.uri())
                  .timeout(TIMEOUT)
                  .header("Content-Type", "application/json")
                  .header("User-Agent", "containerwatch")
                  .header("webhook-id", messageId)
                  .header("webhook-timestamp", Long.toString(now))
                  .header("webhook-signature", signer.sign(messageId, now, bytes))
                  .POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
                  .build();
          HttpResponse<Void> response;
          try {
            response = http.send(request, HttpResponse.BodyHandlers.discarding());
          } catch (IOException e) {
            throw new Retry.Retryable(e.getClass().getSimpleName(), null);
          }
          int code = response.statusCode();
          if (code >= 200 && code < 300) {
            return null;
          }
          if (RETRIED.contains(code)) {
            throw new Retry.Retryable("HTTP " + code, retryAfter(response));
          }
          throw new SinkException(
              where + ": HTTP " + code + (code == 410 ? " (endpoint gone)" : ""));
        });
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(v -> v.strip().matches("\\d{1,6}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
        .orElse(null);
  }

  private static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The statuses sent, for logs. */
  public Set<Status> statuses() {
    return statuses;
  }

  @Override
  public String toString() {
    return "webhook " + target.redacted() + " " + statuses;
  }
}
