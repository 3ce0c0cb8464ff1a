package dev.containerwatch.kubernetes;

/** The three container lists of a pod spec, in the order rules visit them. */
public enum ContainerList {
  CONTAINERS("containers", "container"),
  INIT_CONTAINERS("initContainers", "initContainer"),
  EPHEMERAL_CONTAINERS("ephemeralContainers", "ephemeralContainer");

  private final String field;
  private final String singular;

  ContainerList(String field, String singular) {
    this.field = field;
    this.singular = singular;
  }

  /** The pod spec field: {@code initContainers}. */
  public String field() {
    return field;
  }

  /** How one of its containers is named in reasons: {@code initContainer}. */
  public String singular() {
    return singular;
  }
}
