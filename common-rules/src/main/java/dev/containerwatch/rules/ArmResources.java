package dev.containerwatch.rules;

import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Snapshot;
import java.util.Optional;

/** What the Azure resource rules share about reading an ARM document. */
public final class ArmResources {
  private ArmResources() {}

  /**
   * The document (case-insensitive) when it carries the resource's properties; empty when {@code
   * properties} is absent or empty. A GET always returns the properties, so a document without them
   * (a delete notification, a bare reference) says nothing about the settings and the rules answer
   * {@link #withoutProperties(String)} instead of reading absent fields as "off".
   */
  public static Optional<Doc> withProperties(Snapshot snapshot) {
    Doc resource = Doc.arm(snapshot.document());
    Doc properties = resource.get("properties");
    if (!properties.node().isObject() || properties.node().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(resource);
  }

  /** The verdict for a document without properties; {@code what} names it ("cluster"). */
  public static Verdict withoutProperties(String what) {
    return Verdict.unknown(
        "the "
            + what
            + " document has no properties (not a full GET of the resource), so its settings"
            + " cannot be read");
  }
}
