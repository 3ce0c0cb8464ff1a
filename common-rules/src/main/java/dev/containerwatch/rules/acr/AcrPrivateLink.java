package dev.containerwatch.rules.acr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.config.RuleParameters;
import dev.containerwatch.engine.ResourceRule;
import dev.containerwatch.engine.Verdict;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.Lists;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * "Container registries should use private link": at least one private endpoint connection has
 * {@code properties.privateLinkServiceConnectionState.status} {@code Approved} (any case).
 *
 * <p>The connections are the evidence part {@code privateEndpointConnections} when it was looked up
 * (it is read on its own and may be fresher than the registry document), otherwise {@code
 * properties.privateEndpointConnections} embedded in the registry GET. Connections printed by the
 * az CLI carry their properties at the top level; both shapes are read. When neither the part nor
 * the embedded property exists (older exports), the rule answers {@code UNKNOWN}; an empty list
 * means "none" and fails. Private endpoints exist only on the Premium SKU, so a failing reason says
 * when the registry has to be upgraded first.
 */
public final class AcrPrivateLink implements ResourceRule {
  private static final String EMBEDDED = "properties.privateEndpointConnections";
  private static final String STATE = "privateLinkServiceConnectionState.status";

  @Override
  public String id() {
    return "acr.private-link";
  }

  @Override
  public ResourceType resourceType() {
    return ResourceType.ACR_REGISTRY;
  }

  @Override
  public Verdict check(Snapshot snapshot, RuleParameters parameters) {
    Doc registry = Doc.arm(snapshot.document());
    Optional<JsonNode> part = snapshot.evidence(Evidence.PRIVATE_ENDPOINT_CONNECTIONS);
    List<JsonNode> connections;
    String source;
    if (part.isPresent()) {
      Optional<List<JsonNode>> list = Lists.of(part);
      if (list.isEmpty()) {
        return Verdict.unknown(
            "evidence '"
                + Evidence.PRIVATE_ENDPOINT_CONNECTIONS.key()
                + "' is not a list of private endpoint connections");
      }
      connections = list.get();
      source = "evidence '" + Evidence.PRIVATE_ENDPOINT_CONNECTIONS.key() + "'";
    } else {
      Doc embedded = registry.get(EMBEDDED);
      if (embedded.isAbsent()) {
        return Verdict.unknown(
            EMBEDDED
                + " is absent and the connections were not provided (evidence '"
                + Evidence.PRIVATE_ENDPOINT_CONNECTIONS.key()
                + "')");
      }
      if (!embedded.node().isArray()) {
        return Verdict.unknown(EMBEDDED + " is " + embedded.describe() + ", not a list");
      }
      connections = new ArrayList<>();
      embedded.node().forEach(connections::add);
      source = EMBEDDED;
    }

    List<String> others = new ArrayList<>();
    for (JsonNode item : connections) {
      Doc connection = Doc.arm(item);
      Doc properties =
          connection.get("properties").node().isObject()
              ? connection.get("properties")
              : connection;
      Optional<String> status = properties.get(STATE).text();
      String name = name(connection);
      if (status.isPresent() && status.get().equalsIgnoreCase("Approved")) {
        return Verdict.passed(
            "private endpoint connection '" + name + "' is Approved (" + source + ")");
      }
      others.add("'" + name + "' " + status.map(s -> "is " + s).orElse("has no " + STATE));
    }
    String premium = AcrRegistries.premiumNote(registry, "private endpoints");
    if (others.isEmpty()) {
      return Verdict.failed(source + " is empty: the registry has no private endpoint" + premium);
    }
    return Verdict.failed(
        "no approved private endpoint connection ("
            + source
            + "): "
            + String.join(", ", others)
            + premium);
  }

  private static String name(Doc connection) {
    Optional<String> name = connection.get("name").text();
    if (name.isPresent()) {
      return name.get();
    }
    String id = connection.get("id").text().orElse("(unnamed)");
    return id.substring(id.lastIndexOf('/') + 1);
  }
}
