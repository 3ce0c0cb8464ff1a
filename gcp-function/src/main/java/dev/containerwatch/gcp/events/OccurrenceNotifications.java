package dev.containerwatch.gcp.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.Change;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Artifact Analysis occurrence notifications (topic {@code container-analysis-occurrences-v1}):
 * {@code {"name": "projects/P/occurrences/ID", "kind": "VULNERABILITY", "notificationTime":
 * "..."}}.
 *
 * <p>The message is thin: it names an occurrence. {@code VULNERABILITY} (a vulnerability found,
 * changed or gone) and {@code DISCOVERY} (a scan started, finished or failed: the only notice a
 * clean image gets) mean the image's scan results changed; the handler reads the occurrence for its
 * image and then every occurrence of that image. Other kinds (BUILD, PACKAGE, ATTESTATION...) are
 * acknowledged and ignored.
 *
 * <p>The change's resource is the occurrence itself ({@code
 * //containeranalysis.googleapis.com/projects/P/occurrences/ID}): which image it is about is known
 * only once it has been read.
 */
public final class OccurrenceNotifications {
  public static final String FAMILY = "artifact-analysis";
  public static final String RESOURCE_PREFIX = "//containeranalysis.googleapis.com/";
  private static final Pattern NAME = Pattern.compile("^projects/([^/]+)/occurrences/([^/]+)$");
  private static final Set<String> SCAN_KINDS = Set.of("VULNERABILITY", "DISCOVERY");

  private OccurrenceNotifications() {}

  /** True for an object with an occurrence {@code name} and a {@code kind}. */
  public static boolean accepts(JsonNode message) {
    return message.path("kind").isTextual()
        && NAME.matcher(message.path("name").asText("")).matches();
  }

  public static EventChanges parse(JsonNode message, String eventId, Instant fallbackTime) {
    String name = message.get("name").asText();
    String kind = message.get("kind").asText();
    if (!SCAN_KINDS.contains(kind)) {
      return EventChanges.ignored(FAMILY, "occurrence kind " + kind + " is not a scan result");
    }
    Matcher m = NAME.matcher(name);
    if (!m.matches()) {
      throw new InvalidInputException("Artifact Analysis: '" + name + "' is not an occurrence");
    }
    Instant time = fallbackTime;
    String t = message.path("notificationTime").asText("");
    if (!t.isEmpty()) {
      try {
        time = Instant.parse(t);
      } catch (DateTimeParseException e) {
        throw new InvalidInputException(
            "Artifact Analysis: notificationTime '" + t + "' is not an RFC 3339 time");
      }
    }
    ResourceRef occurrence =
        new ResourceRef(ResourceType.IMAGE_SCAN, RESOURCE_PREFIX + name, m.group(1), null, name);
    return EventChanges.of(
        FAMILY, EventChange.of(new Change(Change.Kind.SCAN_COMPLETE, occurrence, time, eventId)));
  }

  /** The occurrence name ({@code projects/P/occurrences/ID}) of a change's resource. */
  public static String occurrenceName(ResourceRef resource) {
    return resource.id().substring(RESOURCE_PREFIX.length());
  }
}
