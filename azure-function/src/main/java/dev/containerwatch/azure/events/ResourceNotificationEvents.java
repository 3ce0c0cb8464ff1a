package dev.containerwatch.azure.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.ResourceType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Azure Resource Notifications ({@code Microsoft.ResourceNotifications.Resources.CreatedOrUpdated}
 * and {@code .Deleted}), whose {@code data.resourceInfo} carries the resource itself ({@code id,
 * name, type, location, tags, properties}) as of {@code data.operationalInfo.resourceEventTime}.
 *
 * <p>The resource is taken from the event as it is: its booleans may arrive as {@code 1}/{@code 0}
 * (the rules read them so) and {@code data.apiVersion} says which API version its properties
 * follow. Only evidence the event does not carry (diagnostic settings, extensions) is read from
 * ARM. A child resource evaluates its parent, read from ARM; a deleted top-level resource resolves
 * its findings.
 */
public final class ResourceNotificationEvents {
  public static final String PREFIX = "Microsoft.ResourceNotifications.Resources.";
  public static final String CREATED_OR_UPDATED = PREFIX + "CreatedOrUpdated";
  public static final String DELETED = PREFIX + "Deleted";

  private ResourceNotificationEvents() {}

  public static boolean handles(String type) {
    return type.equalsIgnoreCase(CREATED_OR_UPDATED) || type.equalsIgnoreCase(DELETED);
  }

  public static RoutedEvent route(GridEvent event, Instant fallbackTime) {
    JsonNode info = event.data().path("resourceInfo");
    if (!info.isObject()) {
      throw new InvalidInputException(
          "Event Grid: " + event.type() + " event " + event.id() + " has no data.resourceInfo");
    }
    String resourceId = info.path("id").asText(event.subject());
    Optional<ArmId> parsed = ArmId.parse(resourceId);
    if (parsed.isEmpty()) {
      throw new InvalidInputException(
          "Event Grid: "
              + event.type()
              + " event "
              + event.id()
              + " data.resourceInfo.id is not an ARM id");
    }
    ArmId id = parsed.get();
    Optional<ResourceType> type = id.resourceType();
    if (type.isEmpty()) {
      return RoutedEvent.ignored(
          event, "resource type " + id.type() + " is not evaluated by containerwatch");
    }
    Instant time = eventTime(event, fallbackTime);
    boolean deleted = event.type().equalsIgnoreCase(DELETED);
    if (id.child()) {
      return RoutedEvent.of(event, AzureChange.upsert(id.reference(type.get()), time, event.id()));
    }
    if (deleted) {
      return RoutedEvent.of(event, AzureChange.delete(id.reference(type.get()), time, event.id()));
    }
    if (!info.path("properties").isObject()) {
      // Without properties the notification says only "something changed": read the resource.
      return RoutedEvent.of(event, AzureChange.upsert(id.reference(type.get()), time, event.id()));
    }
    ObjectNode document = ((ObjectNode) info).deepCopy();
    if (!document.has("type") || !document.get("type").isTextual()) {
      throw new InvalidInputException(
          "Event Grid: "
              + event.type()
              + " event "
              + event.id()
              + " data.resourceInfo has no type");
    }
    return RoutedEvent.of(
        event, AzureChange.upsert(id.reference(type.get()), document, time, event.id()));
  }

  private static Instant eventTime(GridEvent event, Instant fallbackTime) {
    String resourceTime = event.data().path("operationalInfo").path("resourceEventTime").asText("");
    if (!resourceTime.isEmpty()) {
      try {
        return Instant.parse(resourceTime);
      } catch (DateTimeParseException e) {
        // fall back to the envelope's time
      }
    }
    return event.time() != null ? event.time() : fallbackTime;
  }
}
