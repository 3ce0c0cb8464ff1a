package dev.containerwatch.azure.events;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.ResourceType;
import java.time.Instant;
import java.util.Optional;

/**
 * Events of the AKS system topic ({@code Microsoft.ContainerService.ManagedClusters}): {@code
 * NewKubernetesVersionAvailable}, {@code ClusterSupportEnding}, {@code ClusterSupportEnded}, {@code
 * NodePoolRollingStarted}, {@code NodePoolRollingSucceeded}, {@code NodePoolRollingFailed}. Each
 * says the cluster's state may have moved (a node pool upgraded, a version out of support), so the
 * cluster is read and evaluated again. The cluster is the topic ({@code topic} / {@code source});
 * the {@code subject} is only its name.
 */
public final class ContainerServiceEvents {
  public static final String PREFIX = "Microsoft.ContainerService.";

  private ContainerServiceEvents() {}

  public static boolean handles(String type) {
    return type.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
  }

  public static RoutedEvent route(GridEvent event, Instant fallbackTime) {
    Optional<ArmId> parsed = ArmId.parse(event.source());
    if (parsed.isEmpty()
        || parsed.get().child()
        || parsed.get().resourceType().orElse(null) != ResourceType.AKS_CLUSTER) {
      throw new InvalidInputException(
          "Event Grid: "
              + event.type()
              + " event "
              + event.id()
              + " topic is not a managed cluster's ARM id");
    }
    Instant time = event.time() != null ? event.time() : fallbackTime;
    return RoutedEvent.of(
        event,
        AzureChange.upsert(parsed.get().reference(ResourceType.AKS_CLUSTER), time, event.id()));
  }
}
