package dev.containerwatch.model;

import java.util.Locale;
import java.util.Objects;

/**
 * Which resource a snapshot is of.
 *
 * @param type the canonical type
 * @param id the provider's identifier as given (ARM id, ARN, GCP full resource name, Kubernetes
 *     object path)
 * @param account the subscription, AWS account or GCP project, or {@code null} where unknown
 * @param region the location or region, or {@code null} where unknown or global
 * @param name the short name (cluster name, registry name, object name)
 */
public record ResourceRef(
    ResourceType type, String id, String account, String region, String name) {

  public ResourceRef {
    Objects.requireNonNull(type, "type");
    if (id == null || id.isBlank()) {
      throw new IllegalArgumentException("a resource reference needs an id");
    }
  }

  public Cloud cloud() {
    return type.cloud();
  }

  /**
   * The id that finding ids are derived from. ARM ids are case-insensitive, so Azure ids are
   * lower-cased: the same cluster named by Event Grid ({@code resourcegroups}) and by ARM ({@code
   * resourceGroups}) must give the same findings.
   */
  public String canonicalId() {
    return type.cloud() == Cloud.AZURE ? id.toLowerCase(Locale.ROOT) : id;
  }
}
