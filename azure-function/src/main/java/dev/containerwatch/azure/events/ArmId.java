package dev.containerwatch.azure.events;

import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import java.util.Locale;
import java.util.Optional;

/**
 * An ARM resource id read down to the top-level resource it names or belongs to.
 *
 * <p>{@code
 * /subscriptions/S/resourceGroups/RG/providers/Microsoft.ContainerService/managedClusters/C} is a
 * top-level resource; {@code .../managedClusters/C/agentPools/P} and {@code
 * .../managedClusters/C/providers/Microsoft.Insights/diagnosticSettings/D} are children of it:
 * changing them changes what the rules read of {@code C}, so the handlers evaluate the parent.
 * Subscription-level resources ({@code /subscriptions/S/providers/Microsoft.Security/pricings/P})
 * are read the same way. Segment names are compared without case, as ARM does.
 *
 * @param topLevelId the id of the top-level resource, spelled as given
 * @param type the top-level resource's type, lower-case ({@code
 *     microsoft.containerservice/managedclusters})
 * @param subscription the subscription id
 * @param name the top-level resource's name
 * @param child true when the id names something below the top-level resource
 */
public record ArmId(
    String topLevelId, String type, String subscription, String name, boolean child) {

  /** Parses an id; empty when it does not name a resource under a subscription. */
  public static Optional<ArmId> parse(String id) {
    if (id == null) {
      return Optional.empty();
    }
    String trimmed = id.strip();
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (!trimmed.startsWith("/")) {
      return Optional.empty();
    }
    String[] s = trimmed.substring(1).split("/", -1);
    if (s.length < 2 || !s[0].equalsIgnoreCase("subscriptions") || s[1].isEmpty()) {
      return Optional.empty();
    }
    int i = 2;
    if (s.length > i + 1 && s[i].equalsIgnoreCase("resourceGroups")) {
      i += 2;
    }
    if (s.length < i + 4 || !s[i].equalsIgnoreCase("providers")) {
      return Optional.empty();
    }
    for (int k = i + 1; k < i + 4; k++) {
      if (s[k].isEmpty()) {
        return Optional.empty();
      }
    }
    String type = (s[i + 1] + "/" + s[i + 2]).toLowerCase(Locale.ROOT);
    StringBuilder top = new StringBuilder();
    for (int k = 0; k < i + 4; k++) {
      top.append('/').append(s[k]);
    }
    return Optional.of(new ArmId(top.toString(), type, s[1], s[i + 3], s.length > i + 4));
  }

  /**
   * The canonical type the rules evaluate, when containerwatch evaluates resources of this type.
   */
  public Optional<ResourceType> resourceType() {
    return ResourceDocuments.armResourceType(type);
  }

  /** The reference of the top-level resource (region unknown until it is read). */
  public ResourceRef reference(ResourceType resourceType) {
    return new ResourceRef(resourceType, topLevelId, subscription, null, name);
  }

  /** The subscription scope an id belongs to: {@code /subscriptions/S}. */
  public String subscriptionScope() {
    return "/subscriptions/" + subscription;
  }
}
