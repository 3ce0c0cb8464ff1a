package dev.containerwatch.gcp.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.Change;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Cloud Asset Inventory real-time feed messages ({@code TemporalAsset}, content type {@code
 * RESOURCE}) for {@value #CLUSTER} and {@value #NODE_POOL}.
 *
 * <ul>
 *   <li>A cluster: the message carries the whole resource in {@code asset.resource.data}, in the
 *       container v1 REST shape, so it is evaluated as it is (no API call). A {@code selfLink} is
 *       added when the data lacks it, from the asset name, zones spelled {@code locations}.
 *   <li>A cluster with {@code deleted: true}: its findings are resolved.
 *   <li>A node pool (changed, created or deleted): the rules read node pools inside the cluster
 *       document, so the cluster is read again from the API.
 *   <li>The welcome message a new feed publishes first (plain text, not JSON) and assets of other
 *       types are acknowledged and ignored.
 * </ul>
 *
 * The change time is {@code window.startTime} (when the asset changed), else {@code
 * asset.updateTime}, else the message's publish time.
 */
public final class AssetFeedMessages {
  public static final String FAMILY = "cloud-asset-feed";
  public static final String CLUSTER = "container.googleapis.com/Cluster";
  public static final String NODE_POOL = "container.googleapis.com/NodePool";

  private AssetFeedMessages() {}

  /** True for a {@code TemporalAsset}: an object with an {@code asset} that has an asset type. */
  public static boolean accepts(JsonNode message) {
    return message.path("asset").isObject() && message.path("asset").path("assetType").isTextual();
  }

  /**
   * True for the plain-text message a new feed sends first ("You have successfully configured real
   * time feed ...").
   */
  public static boolean isWelcome(String text) {
    String t = text.strip().toLowerCase(Locale.ROOT);
    return !t.startsWith("{") && t.contains("feed");
  }

  public static EventChanges parse(JsonNode message, String eventId, Instant fallbackTime) {
    JsonNode asset = message.get("asset");
    String type = asset.get("assetType").asText();
    String name = asset.path("name").asText("");
    boolean deleted = message.path("deleted").asBoolean(false);
    Instant time = time(message, asset, fallbackTime);
    if (!type.equals(CLUSTER) && !type.equals(NODE_POOL)) {
      return EventChanges.ignored(FAMILY, "asset type " + type + " is not evaluated");
    }
    ResourceRef cluster =
        GkeNames.cluster(name)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "Cloud Asset feed: asset.name '"
                            + name
                            + "' is not a GKE "
                            + (type.equals(CLUSTER) ? "cluster" : "node pool")
                            + " name"));
    if (type.equals(NODE_POOL)) {
      if (!GkeNames.isNodePool(name)) {
        throw new InvalidInputException(
            "Cloud Asset feed: NodePool asset.name '" + name + "' names no node pool");
      }
      return EventChanges.of(
          FAMILY, EventChange.of(new Change(Change.Kind.UPSERT, cluster, time, eventId)));
    }
    if (GkeNames.isNodePool(name)) {
      throw new InvalidInputException(
          "Cloud Asset feed: Cluster asset.name '" + name + "' is a node pool's name");
    }
    if (deleted) {
      return EventChanges.of(
          FAMILY, EventChange.of(new Change(Change.Kind.DELETE, cluster, time, eventId)));
    }
    JsonNode data = asset.path("resource").path("data");
    if (!data.isObject()) {
      throw new InvalidInputException(
          "Cloud Asset feed: cluster asset has no resource.data (the feed must use content type"
              + " RESOURCE)");
    }
    String dataName = data.path("name").asText("");
    if (!dataName.isEmpty() && !dataName.equals(cluster.name())) {
      throw new InvalidInputException(
          "Cloud Asset feed: resource.data.name '"
              + dataName
              + "' is not the asset's cluster '"
              + cluster.name()
              + "'");
    }
    ObjectNode document = ((ObjectNode) data).deepCopy();
    if (!document.path("selfLink").isTextual()) {
      document.put("selfLink", GkeNames.selfLink(cluster));
    }
    return EventChanges.of(
        FAMILY, new EventChange(new Change(Change.Kind.UPSERT, cluster, time, eventId), document));
  }

  private static Instant time(JsonNode message, JsonNode asset, Instant fallback) {
    for (JsonNode t :
        new JsonNode[] {message.path("window").path("startTime"), asset.path("updateTime")}) {
      if (t.isTextual() && !t.asText().isEmpty()) {
        try {
          return Instant.parse(t.asText());
        } catch (DateTimeParseException e) {
          throw new InvalidInputException(
              "Cloud Asset feed: '" + t.asText() + "' is not an RFC 3339 time");
        }
      }
    }
    return fallback;
  }
}
