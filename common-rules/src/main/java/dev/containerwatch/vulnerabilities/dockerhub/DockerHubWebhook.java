package dev.containerwatch.vulnerabilities.dockerhub;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

/**
 * Docker Hub's push webhook, authenticated by a shared secret.
 *
 * <p>Docker Hub neither signs its webhooks nor sends custom headers, so the secret travels in the
 * webhook URL the repository owner configures ({@code
 * https://<function>/dockerhub?token=<secret>}); it is compared in constant time, and a request
 * without it, or with another, is rejected before its body is read. Payload fields read: {@code
 * push_data.tag}, {@code push_data.pushed_at} (epoch seconds), {@code push_data.pusher}, {@code
 * repository.repo_name} ({@code namespace/name}; official images are {@code library/...}), {@code
 * callback_url}.
 *
 * <pre>{@code
 * DockerHubWebhook webhook = new DockerHubWebhook(System.getenv("CONTAINERWATCH_DOCKERHUB_TOKEN"));
 * DockerHubPush push = webhook.accept(request.query("token"), request.body());
 * }</pre>
 */
public final class DockerHubWebhook {
  /** Payloads are a few hundred bytes; anything much larger is not Docker Hub. */
  static final int MAX_BODY_BYTES = 64 * 1024;

  /** 9999-12-31T23:59:59Z: a later push time is not one. */
  private static final long LAST_EPOCH_SECOND = 253_402_300_799L;

  private final byte[] secret;

  /**
   * @param secret the shared secret; when null or blank every request is rejected, so that a
   *     deployment without one is closed rather than open
   */
  public DockerHubWebhook(String secret) {
    this.secret =
        secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
  }

  /** Thrown for a request that does not carry the shared secret (answer 401, log no detail). */
  public static final class Unauthenticated extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    Unauthenticated(String message) {
      super(message);
    }
  }

  /**
   * The push a request tells of.
   *
   * @param token the secret the request carried (its {@code token} query parameter), or null
   * @throws Unauthenticated when the token is missing or wrong, or no secret is configured
   * @throws InvalidInputException when the body is not a Docker Hub push payload
   */
  public DockerHubPush accept(String token, byte[] body) {
    if (secret == null) {
      throw new Unauthenticated("Docker Hub webhook: no shared secret is configured");
    }
    if (token == null || !MessageDigest.isEqual(secret, token.getBytes(StandardCharsets.UTF_8))) {
      throw new Unauthenticated("Docker Hub webhook: missing or wrong token");
    }
    if (body == null || body.length == 0) {
      throw new InvalidInputException("Docker Hub webhook: empty body");
    }
    if (body.length > MAX_BODY_BYTES) {
      throw new InvalidInputException(
          "Docker Hub webhook: body of " + body.length + " bytes is over " + MAX_BODY_BYTES);
    }
    JsonNode payload;
    try {
      payload = Json.read(body);
    } catch (IOException e) {
      throw new InvalidInputException("Docker Hub webhook: body is not JSON");
    }
    if (payload == null || !payload.isObject()) {
      throw new InvalidInputException("Docker Hub webhook: body is not a JSON object");
    }
    String repository = payload.path("repository").path("repo_name").asText("");
    if (!repository.matches("[a-z0-9][a-z0-9._-]*/[a-z0-9][a-z0-9._/-]*")) {
      throw new InvalidInputException(
          "Docker Hub webhook: repository.repo_name is missing or not namespace/name");
    }
    String tag = payload.path("push_data").path("tag").asText("");
    if (!tag.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}")) {
      throw new InvalidInputException("Docker Hub webhook: push_data.tag is missing or not a tag");
    }
    JsonNode pushedAt = payload.path("push_data").path("pushed_at");
    Instant at = null;
    if (pushedAt.isNumber()) {
      if (!pushedAt.canConvertToLong()
          || pushedAt.asLong() < 0
          || pushedAt.asLong() > LAST_EPOCH_SECOND) {
        throw new InvalidInputException(
            "Docker Hub webhook: push_data.pushed_at is not a time in epoch seconds");
      }
      at = Instant.ofEpochSecond(pushedAt.asLong());
    }
    return new DockerHubPush(
        repository,
        tag,
        at,
        payload.path("push_data").path("pusher").asText(null),
        payload.path("callback_url").asText(null));
  }
}
