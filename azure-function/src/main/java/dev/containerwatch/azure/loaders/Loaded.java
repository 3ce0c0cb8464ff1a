package dev.containerwatch.azure.loaders;

import dev.containerwatch.model.Snapshot;
import java.util.List;

/**
 * A snapshot a loader made, with what it could not read (an evidence part it was not allowed to
 * list): the part is then absent, the rules that need it answer UNKNOWN, and the handler logs the
 * warnings.
 */
public record Loaded(Snapshot snapshot, List<String> warnings) {

  public Loaded {
    warnings = List.copyOf(warnings);
  }
}
