package dev.containerwatch.azure.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.Change;
import dev.containerwatch.vulnerabilities.ImageRef;
import java.time.Instant;
import java.util.Objects;

/**
 * A {@link Change} with what an Azure event adds to it.
 *
 * @param change what happened, to which resource, when
 * @param document the full resource when the event carried it (Azure Resource Notifications), so
 *     that only its evidence needs reading; null otherwise
 * @param image the image of an image push or delete; null otherwise
 * @param registryId the ARM id of the registry of an image event; null otherwise
 */
public record AzureChange(Change change, JsonNode document, ImageRef image, String registryId) {

  public AzureChange {
    Objects.requireNonNull(change, "change");
  }

  /** Created or updated: read (or take from the event) and evaluate. */
  public static AzureChange upsert(ResourceRef resource, Instant time, String eventId) {
    return new AzureChange(
        new Change(Change.Kind.UPSERT, resource, time, eventId), null, null, null);
  }

  /** Created or updated, with the resource as the event carried it. */
  public static AzureChange upsert(
      ResourceRef resource, JsonNode document, Instant time, String eventId) {
    return new AzureChange(
        new Change(Change.Kind.UPSERT, resource, time, eventId), document, null, null);
  }

  /** Deleted: resolve the resource's findings. */
  public static AzureChange delete(ResourceRef resource, Instant time, String eventId) {
    return new AzureChange(
        new Change(Change.Kind.DELETE, resource, time, eventId), null, null, null);
  }

  /** An image pushed to a registry. */
  public static AzureChange imagePushed(
      String registryId, ImageRef image, Instant time, String eventId) {
    return new AzureChange(
        new Change(Change.Kind.IMAGE_PUSH, imageReference(image), time, eventId),
        null,
        image,
        registryId);
  }

  /** An image deleted from a registry: its findings are resolved. */
  public static AzureChange imageDeleted(
      String registryId, ImageRef image, Instant time, String eventId) {
    return new AzureChange(
        new Change(Change.Kind.DELETE, imageReference(image), time, eventId),
        null,
        image,
        registryId);
  }

  /**
   * The reference the image rules' findings are about (as {@code VulnerabilityReport} makes it).
   */
  public static ResourceRef imageReference(ImageRef image) {
    return new ResourceRef(
        ResourceType.IMAGE_SCAN,
        image.canonical(),
        null,
        null,
        image.repository() + (image.tag() == null ? "" : ":" + image.tag()));
  }

  public Change.Kind kind() {
    return change.kind();
  }

  public ResourceRef resource() {
    return change.resource();
  }
}
