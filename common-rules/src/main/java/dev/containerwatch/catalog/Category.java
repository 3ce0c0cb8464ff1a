package dev.containerwatch.catalog;

import java.util.Locale;

/** The three families of container recommendations. */
public enum Category {
  /** Cluster, registry, plan and connector settings read from the cloud's management API. */
  CONTROL_PLANE,
  /**
   * What runs inside a cluster: Kubernetes objects, evaluated as Azure Policy for Kubernetes does.
   */
  DATA_PLANE,
  /** Known vulnerabilities in images, in registries and running in clusters. */
  VULNERABILITY_ASSESSMENT;

  /** The catalog's spelling: {@code control-plane}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static Category parse(String key) {
    for (Category c : values()) {
      if (c.key().equals(key)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown category '" + key + "'");
  }
}
