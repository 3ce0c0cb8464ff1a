package dev.containerwatch.catalog;

import java.util.Locale;

/**
 * A recommendation's severity as Defender publishes it. {@link #UNSTATED} is for the few the source
 * list gives none; it ranks as {@link #HIGH}, which is how Defender shows those recommendations.
 */
public enum Severity {
  LOW(1),
  MEDIUM(2),
  HIGH(3),
  UNSTATED(3);

  private final int rank;

  Severity(int rank) {
    this.rank = rank;
  }

  /** True when this severity is at least {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return rank >= threshold.rank;
  }

  /** The severity a findings store is given: {@link #UNSTATED} is reported as {@link #HIGH}. */
  public Severity effective() {
    return this == UNSTATED ? HIGH : this;
  }

  /** Parses {@code High}, {@code medium}, {@code LOW}, {@code unstated}. */
  public static Severity parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException(
          "unknown severity '" + text + "' (expected low, medium, high or unstated)");
    }
  }

  /** The catalog's spelling: {@code High}, {@code Medium}, {@code Low}, {@code unstated}. */
  public String label() {
    return this == UNSTATED
        ? "unstated"
        : name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
  }
}
