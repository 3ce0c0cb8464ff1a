package dev.containerwatch.cli;

/** How results are printed. */
public enum OutputFormat {
  /** Aligned columns for a terminal. */
  TABLE,
  /** The project's neutral JSON form. */
  JSON
}
