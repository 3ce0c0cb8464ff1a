package dev.containerwatch.webhook;

import dev.containerwatch.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signatures: {@code webhook-signature: v1,<base64 HMAC-SHA256>} over {@code
 * <webhook-id>.<webhook-timestamp>.<body>}, keyed with the base64-decoded part of a {@code whsec_}
 * secret. Receivers verify with any Standard Webhooks library.
 */
public final class WebhookSigner {
  private static final String PREFIX = "whsec_";
  private final byte[] key;

  /**
   * @throws InvalidInputException when the secret is not {@code whsec_} followed by base64 of at
   *     least 24 bytes (the message never repeats the secret)
   */
  public WebhookSigner(String secret) {
    if (secret == null || !secret.startsWith(PREFIX)) {
      throw new InvalidInputException("webhook secret must start with whsec_");
    }
    try {
      key = Base64.getDecoder().decode(secret.substring(PREFIX.length()).strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException("webhook secret is not whsec_ followed by base64");
    }
    if (key.length < 24) {
      throw new InvalidInputException("webhook secret must hold at least 24 random bytes");
    }
  }

  /** The {@code webhook-signature} header value. */
  public String sign(String messageId, long timestampSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((messageId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
    }
  }
}
