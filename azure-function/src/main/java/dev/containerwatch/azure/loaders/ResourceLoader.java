package dev.containerwatch.azure.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.model.ResourceRef;
import java.time.Instant;
import java.util.Optional;

/**
 * Makes the snapshot of an Azure resource: its canonical document (the ARM GET) and the evidence
 * parts its rules read. The deployed function reads ARM ({@link ArmResourceLoader}); the command
 * line's replay answers from files.
 */
public interface ResourceLoader {

  /**
   * Reads the resource and its evidence.
   *
   * @return empty when the resource no longer exists
   */
  Optional<Loaded> load(ResourceRef resource, Instant observedAt);

  /**
   * Reads only the evidence of a resource whose document is already at hand (from the event, or
   * from a list response).
   */
  Loaded withEvidence(ResourceRef resource, JsonNode document, Instant observedAt);
}
