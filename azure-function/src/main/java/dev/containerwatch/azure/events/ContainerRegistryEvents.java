package dev.containerwatch.azure.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.vulnerabilities.ImageRef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code Microsoft.ContainerRegistry.ImagePushed} and {@code ImageDeleted} from a registry's system
 * topic. The registry is the topic ({@code topic} / {@code source}); the image is {@code
 * data.request.host} (the login server), {@code data.target.repository}, {@code data.target.tag}
 * (absent for a manifest delete) and {@code data.target.digest}, which is required: image findings
 * are identified by digest. {@code data.timestamp} is the push time. Chart events and other types
 * are not image pushes and are ignored.
 */
public final class ContainerRegistryEvents {
  public static final String IMAGE_PUSHED = "Microsoft.ContainerRegistry.ImagePushed";
  public static final String IMAGE_DELETED = "Microsoft.ContainerRegistry.ImageDeleted";

  private ContainerRegistryEvents() {}

  public static boolean handles(String type) {
    return type.equalsIgnoreCase(IMAGE_PUSHED) || type.equalsIgnoreCase(IMAGE_DELETED);
  }

  public static RoutedEvent route(GridEvent event, Instant fallbackTime) {
    String what = "Event Grid: " + event.type() + " event " + event.id();
    Optional<ArmId> registry = ArmId.parse(event.source());
    if (registry.isEmpty()
        || registry.get().child()
        || registry.get().resourceType().orElse(null) != ResourceType.ACR_REGISTRY) {
      throw new InvalidInputException(what + " topic is not a container registry's ARM id");
    }
    JsonNode data = event.data();
    if (!data.isObject()) {
      throw new InvalidInputException(what + " has no data object");
    }
    JsonNode target = data.path("target");
    String repository = target.path("repository").asText("");
    String digest = target.path("digest").asText("").toLowerCase(Locale.ROOT);
    String tag = target.path("tag").asText("");
    if (repository.isEmpty()) {
      throw new InvalidInputException(what + " has no data.target.repository");
    }
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new InvalidInputException(
          what + " has no valid data.target.digest (image findings are keyed by digest)");
    }
    String host = data.path("request").path("host").asText("");
    if (host.isEmpty()) {
      host = registry.get().name().toLowerCase(Locale.ROOT) + ".azurecr.io";
    }
    ImageRef image =
        ImageRef.parse(host + "/" + repository + (tag.isEmpty() ? "" : ":" + tag) + "@" + digest);
    Instant time = time(data, event, fallbackTime);
    String registryId = registry.get().topLevelId();
    if (event.type().equalsIgnoreCase(IMAGE_DELETED)) {
      return RoutedEvent.of(event, AzureChange.imageDeleted(registryId, image, time, event.id()));
    }
    return RoutedEvent.of(event, AzureChange.imagePushed(registryId, image, time, event.id()));
  }

  private static Instant time(JsonNode data, GridEvent event, Instant fallbackTime) {
    String timestamp = data.path("timestamp").asText("");
    if (!timestamp.isEmpty()) {
      try {
        return Instant.parse(timestamp);
      } catch (DateTimeParseException e) {
        // fall back to the envelope's time
      }
    }
    return event.time() != null ? event.time() : fallbackTime;
  }
}
