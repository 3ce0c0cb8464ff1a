package dev.containerwatch.azure.events;

import java.util.List;

/**
 * What one event asks for: the changes to process, or why it is acknowledged without any.
 *
 * @param eventId the envelope's id
 * @param eventType the envelope's type
 * @param changes the changes; empty when the event is ignored
 * @param ignoredBecause why nothing is done (an event type or resource type containerwatch does not
 *     evaluate); null when there are changes
 */
public record RoutedEvent(
    String eventId, String eventType, List<AzureChange> changes, String ignoredBecause) {

  public static RoutedEvent of(GridEvent event, AzureChange change) {
    return new RoutedEvent(event.id(), event.type(), List.of(change), null);
  }

  public static RoutedEvent ignored(GridEvent event, String reason) {
    return new RoutedEvent(event.id(), event.type(), List.of(), reason);
  }

  public boolean isIgnored() {
    return ignoredBecause != null;
  }
}
