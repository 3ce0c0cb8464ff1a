package dev.containerwatch.findings;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.UUID;

/**
 * The deterministic identity of a finding: SHA-256 over the rule id, the resource's canonical id
 * and the subject. The same rule on the same resource and subject always gives the same id, across
 * runs, deploys, configuration and catalog text changes, so every store write is an idempotent
 * upsert.
 *
 * <p>Each store takes the form it needs: {@link #hex()} (32 lower-case hex characters, also a valid
 * Security Command Center finding id) and {@link #uuid()} (a name-based UUID, for Defender
 * assessment names).
 *
 * <pre>{@code
 * FindingId.of("aks.rbac", "/subscriptions/.../managedclusters/prod", null).hex()
 * }</pre>
 */
public final class FindingId {
  private final byte[] digest;

  private FindingId(byte[] digest) {
    this.digest = digest;
  }

  public static FindingId of(String ruleId, String canonicalResourceId, String subject) {
    return new FindingId(
        sha256(ruleId + '\n' + canonicalResourceId + '\n' + (subject == null ? "" : subject)));
  }

  /** A name-based UUID of any text, used where a store needs a GUID derived from a name. */
  public static UUID uuidOf(String name) {
    return toUuid(sha256(name));
  }

  /** 32 lower-case hex characters (128 bits). */
  public String hex() {
    return HexFormat.of().formatHex(digest, 0, 16);
  }

  /** The same 128 bits as an RFC 4122 version-5-style UUID. */
  public UUID uuid() {
    return toUuid(digest);
  }

  private static UUID toUuid(byte[] hash) {
    byte[] b = java.util.Arrays.copyOf(hash, 16);
    b[6] = (byte) ((b[6] & 0x0f) | 0x50);
    b[8] = (byte) ((b[8] & 0x3f) | 0x80);
    long msb = 0;
    long lsb = 0;
    for (int i = 0; i < 8; i++) {
      msb = (msb << 8) | (b[i] & 0xff);
      lsb = (lsb << 8) | (b[i + 8] & 0xff);
    }
    return new UUID(msb, lsb);
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }

  @Override
  public String toString() {
    return hex();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FindingId && java.util.Arrays.equals(digest, ((FindingId) o).digest);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(digest);
  }
}
