package dev.containerwatch.azure.events;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.containerwatch.testing.Fuzzing;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Timeout;

/**
 * Event Grid deliveries, in both schemas, single or batched: any text is parsed and routed, or
 * refused with one clear line. Each method is seeded with the samples of one event family (see the
 * module's pom), so that mutations stay close to what that family's parser reads; all of them run
 * the whole path a delivery takes before any API call: {@link EventGridEnvelope#parse} then {@link
 * AzureEvents#route} of each event.
 */
class EventGridFuzzTest {
  private static final Instant NOW = Instant.parse("2026-11-29T15:00:00Z");

  /** Both schemas, single events and arrays, every family, and the rejected samples. */
  @Timeout(10)
  @FuzzTest
  void eventGridEnvelope(byte[] data) {
    parseAndRoute(data);
  }

  /** {@code ResourceWriteSuccess} / {@code ResourceDeleteSuccess}: subjects that are ARM ids. */
  @Timeout(10)
  @FuzzTest
  void resourceManagerEvents(byte[] data) {
    parseAndRoute(data);
  }

  /** Azure Resource Notifications: the resource itself in {@code data.resourceInfo}. */
  @Timeout(10)
  @FuzzTest
  void resourceNotifications(byte[] data) {
    parseAndRoute(data);
  }

  /** Container Registry pushes and deletes, {@code data} as an object or as a JSON string. */
  @Timeout(10)
  @FuzzTest
  void containerRegistryEvents(byte[] data) {
    parseAndRoute(data);
  }

  /** The AKS system topic's events: the cluster is the topic. */
  @Timeout(10)
  @FuzzTest
  void containerServiceEvents(byte[] data) {
    parseAndRoute(data);
  }

  private static void parseAndRoute(byte[] data) {
    String body = new String(data, StandardCharsets.UTF_8);
    Fuzzing.parser(
        () -> {
          for (GridEvent event : EventGridEnvelope.parse(body)) {
            if (event.id().isEmpty() || event.type().isEmpty() || event.data() == null) {
              throw new AssertionError("parsed an event without id, type or data: " + event);
            }
            Fuzzing.parser(() -> checkRouted(AzureEvents.route(event, NOW)));
          }
        });
  }

  /** A routed event is ignored with a reason, or gives changes that name a resource and a time. */
  private static void checkRouted(RoutedEvent routed) {
    if (routed.isIgnored()) {
      if (routed.ignoredBecause() == null || routed.ignoredBecause().isBlank()) {
        throw new AssertionError("ignored without a reason");
      }
      return;
    }
    if (routed.changes().isEmpty()) {
      throw new AssertionError("routed to no change and not ignored");
    }
    for (AzureChange change : routed.changes()) {
      if (change.resource() == null
          || change.resource().id() == null
          || change.resource().id().isEmpty()
          || change.change().time() == null) {
        throw new AssertionError("a change without resource id or time: " + change);
      }
    }
  }
}
