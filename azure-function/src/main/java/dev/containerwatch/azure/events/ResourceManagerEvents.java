package dev.containerwatch.azure.events;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.ResourceType;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code Microsoft.Resources.ResourceWriteSuccess} and {@code ResourceDeleteSuccess} from a
 * subscription or resource-group system topic. The {@code subject} is the ARM id of the resource
 * written or deleted (the same as {@code data.resourceUri}); the event carries the request, never
 * the resulting resource, so the resource is read again.
 *
 * <ul>
 *   <li>A write of a top-level resource containerwatch evaluates (managed cluster, registry, Arc
 *       connected cluster, Defender pricing, security connector) evaluates it.
 *   <li>A write or delete of a child of one ({@code agentPools}, {@code
 *       privateEndpointConnections}, {@code
 *       providers/Microsoft.KubernetesConfiguration/extensions}, {@code
 *       providers/Microsoft.Insights/diagnosticSettings}, anything below it) evaluates the parent.
 *   <li>A delete of a top-level resource resolves its findings. A Defender pricing cannot be
 *       deleted (it returns to Free), so its delete evaluates it again.
 *   <li>Any other resource is ignored.
 * </ul>
 */
public final class ResourceManagerEvents {
  public static final String WRITE_SUCCESS = "Microsoft.Resources.ResourceWriteSuccess";
  public static final String DELETE_SUCCESS = "Microsoft.Resources.ResourceDeleteSuccess";

  private ResourceManagerEvents() {}

  public static boolean handles(String type) {
    return type.equalsIgnoreCase(WRITE_SUCCESS) || type.equalsIgnoreCase(DELETE_SUCCESS);
  }

  public static RoutedEvent route(GridEvent event, Instant fallbackTime) {
    String target = event.subject();
    if (target.isEmpty()) {
      target = event.data().path("resourceUri").asText("");
    }
    if (target.isEmpty()) {
      throw new InvalidInputException(
          "Event Grid: " + event.type() + " event " + event.id() + " names no resource (subject)");
    }
    Optional<ArmId> parsed = ArmId.parse(target);
    if (parsed.isEmpty()) {
      throw new InvalidInputException(
          "Event Grid: " + event.type() + " event " + event.id() + " subject is not an ARM id");
    }
    ArmId id = parsed.get();
    Optional<ResourceType> type = id.resourceType();
    if (type.isEmpty()) {
      return RoutedEvent.ignored(
          event, "resource type " + id.type() + " is not evaluated by containerwatch");
    }
    Instant time = event.time() != null ? event.time() : fallbackTime;
    boolean delete = event.type().equalsIgnoreCase(DELETE_SUCCESS);
    if (delete && !id.child() && type.get() != ResourceType.DEFENDER_PLAN) {
      return RoutedEvent.of(event, AzureChange.delete(id.reference(type.get()), time, event.id()));
    }
    return RoutedEvent.of(event, AzureChange.upsert(id.reference(type.get()), time, event.id()));
  }
}
