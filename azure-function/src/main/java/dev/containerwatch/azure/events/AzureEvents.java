package dev.containerwatch.azure.events;

import java.time.Instant;

/**
 * Sends each Event Grid event to the family that reads it. Event types containerwatch does not
 * react to are acknowledged with the reason; the subscription validation event never reaches a
 * function (the Event Grid trigger answers it), so it is acknowledged too.
 */
public final class AzureEvents {
  public static final String SUBSCRIPTION_VALIDATION =
      "Microsoft.EventGrid.SubscriptionValidationEvent";

  private AzureEvents() {}

  /**
   * @param fallbackTime the time of a change when its event gives none (the time of processing)
   * @throws dev.containerwatch.InvalidInputException when an event of a known type is malformed
   */
  public static RoutedEvent route(GridEvent event, Instant fallbackTime) {
    String type = event.type();
    if (ResourceManagerEvents.handles(type)) {
      return ResourceManagerEvents.route(event, fallbackTime);
    }
    if (ResourceNotificationEvents.handles(type)) {
      return ResourceNotificationEvents.route(event, fallbackTime);
    }
    if (ContainerRegistryEvents.handles(type)) {
      return ContainerRegistryEvents.route(event, fallbackTime);
    }
    if (ContainerServiceEvents.handles(type)) {
      return ContainerServiceEvents.route(event, fallbackTime);
    }
    if (type.equalsIgnoreCase(SUBSCRIPTION_VALIDATION)) {
      return RoutedEvent.ignored(
          event, "subscription validation is answered by the Event Grid trigger");
    }
    return RoutedEvent.ignored(event, "event type " + type + " is not one containerwatch reads");
  }
}
