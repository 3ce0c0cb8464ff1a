package dev.containerwatch.aws.loaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Brings AWS Config's configuration items into the canonical documents. Config records EKS clusters
 * and ECR repositories in CloudFormation's PascalCase ({@code
 * ResourcesVpcConfig.EndpointPublicAccess}), sometimes as a JSON string rather than an object; the
 * rules read the API's camelCase ({@code resourcesVpcConfig.endpointPublicAccess}).
 *
 * <p>EKS ({@code AWS::EKS::Cluster}): every member is renamed to lower camel case, recursively,
 * with these differences of shape:
 *
 * <ul>
 *   <li>{@code Logging.ClusterLogging.EnabledTypes[].Type} (the enabled types only) becomes {@code
 *       logging.clusterLogging: [{types: [enabled], enabled: true}, {types: [the others], enabled:
 *       false}]}; an item without {@code Logging} gets no {@code logging}, so the rules answer
 *       UNKNOWN rather than guess;
 *   <li>{@code CertificateAuthorityData} becomes {@code certificateAuthority.data}, {@code
 *       ClusterStatus} {@code status}, {@code OpenIdConnectIssuerUrl} {@code identity.oidc.issuer};
 *   <li>{@code EncryptionConfigKeyArn} alone becomes {@code encryptionConfig: [{resources:
 *       ["secrets"], provider: {keyArn}}]}; {@code Id} (CloudFormation's name) is dropped;
 *   <li>{@code arn}, {@code name} and {@code tags} come from the item when the configuration lacks
 *       them.
 * </ul>
 *
 * <p>ECR ({@code AWS::ECR::Repository}): {@code Arn} → {@code repositoryArn}, {@code
 * RepositoryPolicyText} (object or string) → {@code policyText} (a string), {@code
 * LifecyclePolicy.LifecyclePolicyText} is kept under {@code lifecyclePolicy}, the rest renamed;
 * {@code registryId} and {@code repositoryUri} are made from the account and region.
 */
public final class ConfigItems {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final List<String> EKS_LOG_TYPES =
      List.of("api", "audit", "authenticator", "controllerManager", "scheduler");

  private ConfigItems() {}

  /**
   * The item's {@code configuration}: an object, or a JSON string holding one.
   *
   * @throws InvalidInputException when it is neither
   */
  public static ObjectNode configuration(JsonNode item) {
    JsonNode configuration = item.path("configuration");
    if (configuration.isTextual()) {
      try {
        configuration = Json.read(configuration.textValue());
      } catch (JsonProcessingException e) {
        throw new InvalidInputException(
            "Config item: configuration is a string but not JSON: " + e.getOriginalMessage());
      }
    }
    if (!configuration.isObject()) {
      throw new InvalidInputException(
          "Config item of "
              + item.path("resourceType").asText("?")
              + " has no configuration object");
    }
    return (ObjectNode) configuration;
  }

  /** The canonical {@code DescribeCluster} → {@code cluster} document of an EKS item. */
  public static ObjectNode eksCluster(JsonNode item, AwsScope scope) {
    ObjectNode in = configuration(item);
    ObjectNode out = F.objectNode();
    for (Map.Entry<String, JsonNode> field : in.properties()) {
      String key = field.getKey();
      JsonNode value = field.getValue();
      switch (key) {
        case "Logging":
          out.set("logging", eksLogging(value));
          break;
        case "CertificateAuthorityData":
          out.putObject("certificateAuthority").set("data", value);
          break;
        case "ClusterStatus":
        case "Status":
          out.set("status", value);
          break;
        case "OpenIdConnectIssuerUrl":
          out.putObject("identity").putObject("oidc").set("issuer", value);
          break;
        case "EncryptionConfigKeyArn":
          break;
        case "Id":
          break;
        default:
          out.set(camel(key), camelCase(value));
      }
    }
    if (!out.has("encryptionConfig") && in.path("EncryptionConfigKeyArn").isTextual()) {
      ObjectNode entry = out.putArray("encryptionConfig").addObject();
      entry.putArray("resources").add("secrets");
      entry.putObject("provider").set("keyArn", in.get("EncryptionConfigKeyArn"));
    }
    String name =
        text(out, "name", item.path("resourceName").asText(item.path("resourceId").asText("")));
    if (name.isEmpty()) {
      throw new InvalidInputException("Config item of AWS::EKS::Cluster names no cluster");
    }
    out.put("name", name);
    out.put("arn", text(out, "arn", item.path("ARN").asText(scope.eksClusterArn(name))));
    if (!out.has("tags") && item.path("tags").isObject()) {
      out.set("tags", item.get("tags"));
    }
    return out;
  }

  private static JsonNode eksLogging(JsonNode logging) {
    JsonNode clusterLogging = logging.path("ClusterLogging");
    Set<String> enabled = new LinkedHashSet<>();
    for (JsonNode type : clusterLogging.path("EnabledTypes")) {
      String t = type.isTextual() ? type.textValue() : type.path("Type").asText("");
      if (!t.isEmpty()) {
        enabled.add(t);
      }
    }
    List<String> disabled = new ArrayList<>();
    for (String t : EKS_LOG_TYPES) {
      if (!enabled.contains(t)) {
        disabled.add(t);
      }
    }
    ObjectNode out = F.objectNode();
    ArrayNode groups = out.putArray("clusterLogging");
    if (!enabled.isEmpty()) {
      ObjectNode on = groups.addObject();
      enabled.forEach(on.putArray("types")::add);
      on.put("enabled", true);
    }
    if (!disabled.isEmpty()) {
      ObjectNode off = groups.addObject();
      disabled.forEach(off.putArray("types")::add);
      off.put("enabled", false);
    }
    return out;
  }

  /** The canonical {@code DescribeRepositories} item (with {@code policyText}) of an ECR item. */
  public static ObjectNode ecrRepository(JsonNode item, AwsScope scope) {
    ObjectNode in = configuration(item);
    ObjectNode out = F.objectNode();
    String name =
        in.path("RepositoryName")
            .asText(item.path("resourceName").asText(item.path("resourceId").asText("")));
    if (name.isEmpty()) {
      throw new InvalidInputException("Config item of AWS::ECR::Repository names no repository");
    }
    out.put(
        "repositoryArn",
        in.path("Arn").asText(item.path("ARN").asText(scope.ecrRepositoryArn(name))));
    out.put("registryId", scope.account());
    out.put("repositoryName", name);
    out.put("repositoryUri", scope.ecrHost() + "/" + name);
    for (Map.Entry<String, JsonNode> field : in.properties()) {
      switch (field.getKey()) {
        case "Arn":
        case "RepositoryName":
        case "RepositoryPolicyText":
        case "Tags":
          break;
        default:
          out.set(camel(field.getKey()), camelCase(field.getValue()));
      }
    }
    JsonNode policy = in.path("RepositoryPolicyText");
    if (policy.isTextual()) {
      out.put("policyText", policy.textValue());
    } else if (policy.isObject()) {
      out.put("policyText", policy.toString());
    } else {
      out.putNull("policyText");
    }
    return out;
  }

  /** Member names to lower camel case, recursively; values are kept. */
  static JsonNode camelCase(JsonNode node) {
    if (node.isObject()) {
      ObjectNode out = F.objectNode();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        out.set(camel(field.getKey()), camelCase(field.getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = F.arrayNode();
      node.forEach(item -> out.add(camelCase(item)));
      return out;
    }
    return node;
  }

  /**
   * {@code ResourcesVpcConfig} → {@code resourcesVpcConfig}; {@code IPFamily} → {@code ipFamily}.
   */
  static String camel(String name) {
    if (name.isEmpty() || !Character.isUpperCase(name.charAt(0))) {
      return name;
    }
    int upper = 0;
    while (upper < name.length() && Character.isUpperCase(name.charAt(upper))) {
      upper++;
    }
    if (upper == 1 || upper == name.length()) {
      return name.substring(0, upper).toLowerCase(Locale.ROOT) + name.substring(upper);
    }
    // An acronym followed by a word: keep its last capital for the word (IPFamily → ipFamily).
    return name.substring(0, upper - 1).toLowerCase(Locale.ROOT) + name.substring(upper - 1);
  }

  private static String text(ObjectNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v != null && v.isTextual() && !v.textValue().isEmpty() ? v.textValue() : fallback;
  }
}
