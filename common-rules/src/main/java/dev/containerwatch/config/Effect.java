package dev.containerwatch.config;

/**
 * What a failed rule does on the admission path: {@link #AUDIT} allows the object with a warning,
 * {@link #DENY} rejects it. Everywhere else both only report.
 */
public enum Effect {
  AUDIT,
  DENY
}
