package dev.containerwatch.model;

/** Where a recommendation's resource lives. {@code KUBERNETES} is the data plane of any cluster. */
public enum Cloud {
  AZURE,
  AWS,
  GCP,
  KUBERNETES,
  EXTERNAL;

  /** The lower-case name used in the catalog and in JSON output. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
