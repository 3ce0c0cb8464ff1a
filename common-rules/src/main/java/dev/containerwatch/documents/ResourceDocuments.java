package dev.containerwatch.documents;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises a resource document by its own content, brings the variants the tools print into the
 * canonical shape, and derives the resource reference.
 *
 * <p>Recognised:
 *
 * <ul>
 *   <li>ARM GET bodies (and {@code az ... show -o json}, whose properties are flattened to the top
 *       level) by their {@code type};
 *   <li>{@code aws eks describe-cluster} output ({@code {"cluster": {...}}}) and the bare cluster,
 *       by an EKS {@code arn};
 *   <li>{@code gcloud container clusters describe --format=json} and the container v1 GET, by a
 *       {@code selfLink} under {@code container.googleapis.com}.
 * </ul>
 */
public final class ResourceDocuments {
  private static final Map<String, ResourceType> ARM_TYPES =
      Map.of(
          "microsoft.containerservice/managedclusters", ResourceType.AKS_CLUSTER,
          "microsoft.containerregistry/registries", ResourceType.ACR_REGISTRY,
          "microsoft.kubernetes/connectedclusters", ResourceType.ARC_CLUSTER,
          "microsoft.security/pricings", ResourceType.DEFENDER_PLAN,
          "microsoft.security/securityconnectors", ResourceType.SECURITY_CONNECTOR);

  private static final Map<String, Evidence> ARM_CHILD_TYPES =
      Map.of(
          "microsoft.insights/diagnosticsettings", Evidence.DIAGNOSTIC_SETTINGS,
          "microsoft.kubernetesconfiguration/extensions", Evidence.EXTENSIONS,
          "microsoft.containerregistry/registries/privateendpointconnections",
              Evidence.PRIVATE_ENDPOINT_CONNECTIONS);

  /** Top-level members of an ARM resource; everything else of an az CLI document is a property. */
  private static final Set<String> ARM_ENVELOPE =
      Set.of(
          "id",
          "name",
          "type",
          "location",
          "tags",
          "sku",
          "identity",
          "etag",
          "kind",
          "systemdata",
          "extendedlocation",
          "zones",
          "plan",
          "managedby",
          "properties",
          "resourcegroup");

  private static final Pattern EKS_ARN =
      Pattern.compile("^arn:aws[a-z-]*:eks:([a-z0-9-]+):(\\d{12}):cluster/(.+)$");
  private static final Pattern GKE_SELF_LINK =
      Pattern.compile(
          "^https://container\\.googleapis\\.com/v1[a-z0-9]*/projects/([^/]+)/(?:locations|zones)/([^/]+)/clusters/([^/]+)$");
  private static final Pattern ARM_SUBSCRIPTION =
      Pattern.compile("^/subscriptions/([^/]+)", Pattern.CASE_INSENSITIVE);

  private ResourceDocuments() {}

  /** The resource type of a primary document, if it is one. */
  public static Optional<ResourceType> detect(JsonNode doc) {
    if (doc == null || !doc.isObject()) {
      return Optional.empty();
    }
    String armType = armType(doc);
    if (armType != null) {
      return armResourceType(armType);
    }
    JsonNode eks = doc.has("cluster") && doc.size() == 1 ? doc.get("cluster") : doc;
    if (EKS_ARN.matcher(eks.path("arn").asText("")).matches()) {
      return Optional.of(ResourceType.EKS_CLUSTER);
    }
    if (GKE_SELF_LINK.matcher(doc.path("selfLink").asText("")).matches()) {
      return Optional.of(ResourceType.GKE_CLUSTER);
    }
    return Optional.empty();
  }

  /**
   * The canonical type of an ARM resource type ({@code microsoft.containerservice/managedclusters},
   * compared lower-case), when the rules evaluate resources of that type.
   */
  public static Optional<ResourceType> armResourceType(String armType) {
    return armType == null
        ? Optional.empty()
        : Optional.ofNullable(ARM_TYPES.get(armType.toLowerCase(Locale.ROOT)));
  }

  /** The evidence part an ARM child document belongs in, if it is one. */
  public static Optional<Evidence> detectChild(JsonNode doc) {
    String armType = doc == null || !doc.isObject() ? null : armType(doc);
    return armType == null ? Optional.empty() : Optional.ofNullable(ARM_CHILD_TYPES.get(armType));
  }

  /**
   * The ARM id of the resource a child document (diagnostic setting, extension, private endpoint
   * connection) belongs to, lower-cased; empty when its id does not say.
   */
  public static Optional<String> parentId(JsonNode child) {
    String id = child.path("id").asText("");
    String lower = id.toLowerCase(Locale.ROOT);
    int providers = lower.lastIndexOf("/providers/microsoft.insights/diagnosticsettings/");
    if (providers < 0) {
      providers = lower.lastIndexOf("/providers/microsoft.kubernetesconfiguration/extensions/");
    }
    if (providers < 0) {
      providers = lower.lastIndexOf("/privateendpointconnections/");
    }
    return providers > 0 ? Optional.of(lower.substring(0, providers)) : Optional.empty();
  }

  private static String armType(JsonNode doc) {
    JsonNode type = doc.get("type");
    if (type == null || !type.isTextual() || !doc.has("id")) {
      return null;
    }
    return type.textValue().toLowerCase(Locale.ROOT);
  }

  /**
   * The canonical form of a document of {@code type}: the EKS {@code cluster} unwrapped, az CLI
   * flattened properties moved under {@code properties}. Other documents are returned as they are.
   */
  public static JsonNode normalize(ResourceType type, JsonNode doc) {
    switch (type) {
      case EKS_CLUSTER:
        return doc.has("cluster") && doc.size() == 1 ? doc.get("cluster") : doc;
      case AKS_CLUSTER:
      case ACR_REGISTRY:
      case ARC_CLUSTER:
      case DEFENDER_PLAN:
      case SECURITY_CONNECTOR:
        return doc.has("properties") ? doc : nestFlattenedProperties((ObjectNode) doc);
      default:
        return doc;
    }
  }

  private static JsonNode nestFlattenedProperties(ObjectNode flat) {
    ObjectNode out = flat.objectNode();
    ObjectNode properties = out.objectNode();
    for (Map.Entry<String, JsonNode> field : flat.properties()) {
      if (ARM_ENVELOPE.contains(field.getKey().toLowerCase(Locale.ROOT))) {
        out.set(field.getKey(), field.getValue());
      } else {
        properties.set(field.getKey(), field.getValue());
      }
    }
    out.set("properties", properties);
    return out;
  }

  /**
   * The reference of a canonical document of {@code type}.
   *
   * @throws InvalidInputException when the document does not say which resource it is
   */
  public static ResourceRef reference(ResourceType type, JsonNode doc) {
    switch (type) {
      case EKS_CLUSTER:
        {
          String arn = doc.path("arn").asText("");
          Matcher m = EKS_ARN.matcher(arn);
          if (!m.matches()) {
            throw new InvalidInputException("EKS cluster document has no valid 'arn'");
          }
          return new ResourceRef(type, arn, m.group(2), m.group(1), m.group(3));
        }
      case GKE_CLUSTER:
        {
          Matcher m = GKE_SELF_LINK.matcher(doc.path("selfLink").asText(""));
          if (!m.matches()) {
            throw new InvalidInputException(
                "GKE cluster document has no 'selfLink', so its project is unknown");
          }
          return gkeCluster(m.group(1), m.group(2), m.group(3));
        }
      default:
        return armReference(type, doc);
    }
  }

  /**
   * The reference of a GKE cluster: its full resource name, with zonal locations spelled {@code
   * locations} as the container v1 API and Cloud Asset Inventory do.
   */
  public static ResourceRef gkeCluster(String project, String location, String name) {
    return new ResourceRef(
        ResourceType.GKE_CLUSTER,
        "//container.googleapis.com/projects/"
            + project
            + "/locations/"
            + location
            + "/clusters/"
            + name,
        project,
        location,
        name);
  }

  private static ResourceRef armReference(ResourceType type, JsonNode doc) {
    Doc d = Doc.arm(doc);
    String id = d.get("id").text().orElse("");
    if (!id.startsWith("/subscriptions/") && !id.startsWith("/Subscriptions/")) {
      throw new InvalidInputException(
          type.nativeName() + " document has no ARM 'id' (/subscriptions/...)");
    }
    Matcher m = ARM_SUBSCRIPTION.matcher(id);
    String subscription = m.find() ? m.group(1) : null;
    String name = d.get("name").text().orElse(id.substring(id.lastIndexOf('/') + 1));
    return new ResourceRef(type, id, subscription, d.get("location").text().orElse(null), name);
  }
}
