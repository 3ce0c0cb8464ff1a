package dev.containerwatch.gcp.events;

import java.util.List;

/**
 * What one Pub/Sub message says: the changes to act on, and why the rest of it was left alone (a
 * feed's welcome message, an untagged image, a read in an audit log). An event with no change and a
 * note is acknowledged as ignored.
 *
 * @param family the event family, for logs ({@code cloud-asset-feed}, {@code gcr}, ...)
 */
public record EventChanges(String family, List<EventChange> changes, List<String> notes) {

  public EventChanges {
    changes = List.copyOf(changes);
    notes = List.copyOf(notes);
  }

  public static EventChanges ignored(String family, String why) {
    return new EventChanges(family, List.of(), List.of(why));
  }

  public static EventChanges of(String family, EventChange change) {
    return new EventChanges(family, List.of(change), List.of());
  }
}
