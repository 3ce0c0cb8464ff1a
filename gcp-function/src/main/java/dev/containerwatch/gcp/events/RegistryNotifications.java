package dev.containerwatch.gcp.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.Change;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.RegistryKind;
import java.time.Instant;

/**
 * Artifact Registry and Container Registry notifications on the {@code gcr} topic: {@code
 * {"action": "INSERT", "digest": "<full reference>@sha256:...", "tag": "<full reference>:tag"}}.
 *
 * <ul>
 *   <li>{@code INSERT} (a push, or a new tag on an image): an image push, keyed by digest; the
 *       image's scan results are then loaded from Artifact Analysis (pending until it has them).
 *   <li>{@code DELETE} with a digest: the image is gone; its findings are resolved.
 *   <li>{@code DELETE} with a tag only: the tag was removed; the image stays, and so do its
 *       findings (they are keyed by digest).
 * </ul>
 *
 * The message carries no time of its own: the change time is the message's publish time.
 */
public final class RegistryNotifications {
  public static final String FAMILY = "gcr";

  private RegistryNotifications() {}

  /** True for an object with an {@code action} and a {@code digest} or {@code tag}. */
  public static boolean accepts(JsonNode message) {
    return message.path("action").isTextual()
        && (message.has("digest") || message.has("tag"))
        && !message.has("asset")
        && !message.has("protoPayload");
  }

  public static EventChanges parse(JsonNode message, String eventId, Instant time) {
    String action = message.get("action").asText();
    String digest = text(message, "digest");
    String tag = text(message, "tag");
    switch (action) {
      case "INSERT":
        if (digest == null) {
          throw new InvalidInputException("gcr notification: INSERT without a digest");
        }
        return EventChanges.of(
            FAMILY,
            EventChange.of(new Change(Change.Kind.IMAGE_PUSH, image(digest), time, eventId)));
      case "DELETE":
        if (digest == null) {
          if (tag == null) {
            throw new InvalidInputException("gcr notification: DELETE without digest or tag");
          }
          ImageRef untagged = parse(tag, "tag");
          return EventChanges.ignored(
              FAMILY,
              "tag "
                  + untagged
                  + " was removed; the image stays, and its findings are keyed by digest");
        }
        return EventChanges.of(
            FAMILY, EventChange.of(new Change(Change.Kind.DELETE, image(digest), time, eventId)));
      default:
        throw new InvalidInputException(
            "gcr notification: action '" + action + "' is neither INSERT nor DELETE");
    }
  }

  /**
   * The reference of an image known by digest, as {@link
   * dev.containerwatch.vulnerabilities.VulnerabilityReport#snapshot} names Artifact Analysis
   * reports: without tag, so that a push, its scan and its deletion share their findings.
   */
  public static ResourceRef image(String reference) {
    ImageRef image = parse(reference, "digest");
    if (image.digest() == null) {
      throw new InvalidInputException(
          "gcr notification: digest '" + reference + "' has no @sha256: digest");
    }
    ImageRef byDigest = new ImageRef(image.registry(), image.repository(), null, image.digest());
    return new ResourceRef(
        ResourceType.IMAGE_SCAN, byDigest.canonical(), null, null, byDigest.repository());
  }

  private static ImageRef parse(String reference, String field) {
    ImageRef image;
    try {
      image = ImageRef.parse(reference);
    } catch (InvalidInputException e) {
      throw new InvalidInputException("gcr notification: " + field + ": " + e.getMessage());
    }
    if (image.kind() != RegistryKind.ARTIFACT_REGISTRY) {
      throw new InvalidInputException(
          "gcr notification: "
              + field
              + " '"
              + reference
              + "' is not in Artifact Registry or Container Registry");
    }
    return image;
  }

  private static String text(JsonNode message, String field) {
    JsonNode v = message.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual() || v.asText().isBlank()) {
      throw new InvalidInputException(
          "gcr notification: '" + field + "' is not an image reference");
    }
    return v.asText();
  }
}
