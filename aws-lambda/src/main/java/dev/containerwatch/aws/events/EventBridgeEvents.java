package dev.containerwatch.aws.events;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.aws.loaders.AwsResources;
import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.aws.loaders.ConfigItems;
import dev.containerwatch.pipeline.Change;
import dev.containerwatch.pipeline.Change.Kind;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.sources.EcrImageScanEvent;
import dev.containerwatch.vulnerabilities.sources.InspectorFindings;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns an EventBridge event into the work it asks for. Accepted (everything else is refused with
 * an {@link InvalidInputException} naming it, which the handler logs and acknowledges):
 *
 * <table>
 *   <caption>events</caption>
 *   <tr><th>source</th><th>detail-type</th><th>work</th></tr>
 *   <tr><td>aws.ecr</td><td>ECR Image Action</td><td>image push (scan pending) or delete</td></tr>
 *   <tr><td>aws.ecr</td><td>ECR Image Scan</td><td>image scanned (basic)</td></tr>
 *   <tr><td>aws.inspector2</td><td>Inspector2 Finding, Inspector2 Scan</td><td>image scanned
 *       (enhanced)</td></tr>
 *   <tr><td>aws.config</td><td>Config Configuration Item Change</td><td>EKS cluster or ECR
 *       repository upsert/delete (oversized items are loaded by API)</td></tr>
 *   <tr><td>aws.eks, aws.ecr</td><td>AWS API Call via CloudTrail</td><td>see {@link
 *       #cloudTrail}</td></tr>
 *   <tr><td>aws.events, aws.scheduler</td><td>Scheduled Event</td><td>sweep of the event's
 *       account and region</td></tr>
 * </table>
 */
public final class EventBridgeEvents {
  static final Set<String> EKS_CALLS =
      Set.of(
          "CreateCluster",
          "UpdateClusterConfig",
          "UpdateClusterVersion",
          "AssociateEncryptionConfig",
          "CreateNodegroup",
          "UpdateNodegroupConfig",
          "DeleteNodegroup",
          "CreateAddon",
          "DeleteAddon",
          "DeleteCluster");
  static final Set<String> ECR_CALLS =
      Set.of(
          "CreateRepository",
          "DeleteRepository",
          "PutImageScanningConfiguration",
          "PutRegistryScanningConfiguration",
          "SetRepositoryPolicy",
          "DeleteRepositoryPolicy");

  private static final Pattern ECR_REPOSITORY_ARN =
      Pattern.compile("arn:aws[a-z-]*:ecr:([a-z0-9-]+):([0-9]{12}):repository/(.+)");

  private EventBridgeEvents() {}

  /**
   * @throws InvalidInputException when the event is malformed or of a kind the function does not
   *     handle
   */
  public static AwsWork parse(JsonNode event) {
    EventEnvelope e = EventEnvelope.parse(event);
    switch (e.source() + "|" + e.detailType()) {
      case "aws.ecr|ECR Image Action":
        return imageAction(e);
      case "aws.ecr|ECR Image Scan":
        return imageScan(e, event);
      case "aws.inspector2|Inspector2 Finding":
        return inspectorFinding(e, event);
      case "aws.inspector2|Inspector2 Scan":
        return inspectorScan(e, event);
      case "aws.config|Config Configuration Item Change":
        return configItem(e);
      case "aws.eks|AWS API Call via CloudTrail":
      case "aws.ecr|AWS API Call via CloudTrail":
        return cloudTrail(e);
      case "aws.events|Scheduled Event":
      case "aws.scheduler|Scheduled Event":
        return new AwsWork.Sweep(new Change(Kind.SWEEP, null, e.time(), e.id()), e.scope());
      default:
        throw new InvalidInputException(
            "unsupported event: source '" + e.source() + "', detail-type '" + e.detailType() + "'");
    }
  }

  private static AwsWork imageAction(EventEnvelope e) {
    JsonNode d = e.detail();
    String result = d.path("result").asText("");
    String action = text(d, "action-type", e);
    if (!result.equals("SUCCESS")) {
      return ignore(e, "ECR Image Action " + action + " has result '" + result + "'");
    }
    AwsScope scope = e.scope();
    ImageRef image =
        image(scope, text(d, "repository-name", e), d.path("image-tag").asText(null), digest(d, e));
    Kind kind;
    switch (action) {
      case "PUSH":
        kind = Kind.IMAGE_PUSH;
        break;
      case "DELETE":
        kind = Kind.DELETE;
        break;
      default:
        throw new InvalidInputException("ECR Image Action: unknown action-type '" + action + "'");
    }
    return new AwsWork.Image(
        new Change(kind, AwsResources.image(image), e.time(), e.id()), scope, image, List.of());
  }

  private static AwsWork imageScan(EventEnvelope e, JsonNode event) {
    List<VulnerabilityReport> carried = EcrImageScanEvent.parse(event);
    ImageRef image = carried.get(0).image();
    return scanned(e, AwsResources.ecrScope(image).orElse(e.scope()), image, carried);
  }

  private static AwsWork inspectorFinding(EventEnvelope e, JsonNode event) {
    JsonNode d = e.detail();
    JsonNode resource = null;
    for (JsonNode r : d.path("resources")) {
      if (r.path("type").asText("").equals("AWS_ECR_CONTAINER_IMAGE")) {
        resource = r;
        break;
      }
    }
    if (resource == null) {
      return ignore(e, "Inspector2 Finding is not about an ECR container image");
    }
    JsonNode details = resource.path("details").path("awsEcrContainerImage");
    AwsScope scope = e.scope();
    String repository = details.path("repositoryName").asText("");
    String digest = details.path("imageHash").asText("");
    Matcher arn = ECR_REPOSITORY_ARN.matcher(resource.path("id").asText(""));
    if (arn.matches()) {
      scope = new AwsScope(arn.group(2), arn.group(1));
      String rest = arn.group(3);
      int at = rest.lastIndexOf("/sha256:");
      if (at > 0) {
        repository = repository.isEmpty() ? rest.substring(0, at) : repository;
        digest = digest.isEmpty() ? rest.substring(at + 1) : digest;
      }
    }
    if (repository.isEmpty() || digest.isEmpty()) {
      throw new InvalidInputException(
          "Inspector2 Finding: the ECR image resource names no repository or digest");
    }
    JsonNode tags = details.path("imageTags");
    ImageRef image =
        image(
            scope,
            repository,
            tags.isArray() && !tags.isEmpty() ? tags.get(0).asText() : null,
            checkDigest(digest, "Inspector2 Finding: awsEcrContainerImage.imageHash"));
    return scanned(e, scope, image, InspectorFindings.parse(event));
  }

  private static AwsWork inspectorScan(EventEnvelope e, JsonNode event) {
    JsonNode d = e.detail();
    String repository = d.path("repository-name").asText("");
    if (repository.isEmpty() || !d.path("image-digest").isTextual()) {
      return ignore(e, "Inspector2 Scan is not about an ECR container image");
    }
    AwsScope scope = e.scope();
    Matcher arn = ECR_REPOSITORY_ARN.matcher(repository);
    if (arn.matches()) {
      scope = new AwsScope(arn.group(2), arn.group(1));
      repository = arn.group(3);
    }
    JsonNode tags = d.path("image-tags");
    ImageRef image =
        image(
            scope,
            repository,
            tags.isArray() && !tags.isEmpty() ? tags.get(0).asText() : null,
            digest(d, e));
    return scanned(e, scope, image, InspectorFindings.parse(event));
  }

  private static AwsWork scanned(
      EventEnvelope e, AwsScope scope, ImageRef image, List<VulnerabilityReport> carried) {
    return new AwsWork.Image(
        new Change(Kind.SCAN_COMPLETE, AwsResources.image(image), e.time(), e.id()),
        scope,
        image,
        carried);
  }

  private static AwsWork configItem(EventEnvelope e) {
    JsonNode d = e.detail();
    String messageType = d.path("messageType").asText("");
    JsonNode item;
    boolean oversized;
    switch (messageType) {
      case "ConfigurationItemChangeNotification":
        item = d.path("configurationItem");
        oversized = false;
        break;
      case "OversizedConfigurationItemChangeNotification":
        item = d.path("configurationItemSummary");
        oversized = true;
        break;
      default:
        throw new InvalidInputException(
            "Config Configuration Item Change: unknown messageType '" + messageType + "'");
    }
    if (!item.isObject()) {
      throw new InvalidInputException(
          "Config Configuration Item Change: no "
              + (oversized ? "configurationItemSummary" : "configurationItem"));
    }
    String type = item.path("resourceType").asText("");
    if (!type.equals("AWS::EKS::Cluster") && !type.equals("AWS::ECR::Repository")) {
      return ignore(
          e,
          "Config item of " + (type.isEmpty() ? "no resource type" : type) + " is not evaluated");
    }
    AwsScope scope =
        new AwsScope(
            item.path("awsAccountId").asText(e.account()),
            item.path("awsRegion").asText(e.region()));
    String status = item.path("configurationItemStatus").asText("");
    String name = item.path("resourceName").asText(item.path("resourceId").asText(""));
    if (name.isEmpty()) {
      throw new InvalidInputException("Config item of " + type + " names no resource");
    }
    boolean eks = type.equals("AWS::EKS::Cluster");
    Kind kind;
    switch (status) {
      case "OK":
      case "ResourceDiscovered":
        kind = Kind.UPSERT;
        break;
      case "ResourceDeleted":
      case "ResourceDeletedNotRecorded":
        kind = Kind.DELETE;
        break;
      case "ResourceNotRecorded":
        return ignore(e, "Config item of " + type + " " + name + " is not recorded");
      default:
        throw new InvalidInputException(
            "Config item: unknown configurationItemStatus '" + status + "'");
    }
    JsonNode document = null;
    if (kind == Kind.UPSERT && !oversized) {
      document = eks ? ConfigItems.eksCluster(item, scope) : ConfigItems.ecrRepository(item, scope);
      name =
          eks ? document.path("name").asText(name) : document.path("repositoryName").asText(name);
    }
    if (eks) {
      return new AwsWork.Cluster(
          new Change(kind, AwsResources.eksCluster(scope, name), e.time(), e.id()),
          scope,
          name,
          document);
    }
    return new AwsWork.Repository(
        new Change(kind, AwsResources.ecrRepository(scope, name), e.time(), e.id()),
        scope,
        name,
        document);
  }

  /**
   * CloudTrail records of EKS and ECR calls. A record with an {@code errorCode} is skipped (the
   * call failed, nothing changed). The request names the resource (request parameters mirror the
   * API: {@code name} or, in older records, {@code clusterName}; {@code repositoryName}); the state
   * is always read again, since a request is not the resulting state. {@code DeleteCluster} and
   * {@code DeleteRepository} delete; {@code PutRegistryScanningConfiguration} reads every
   * repository of the registry again; every other call reads its cluster or repository again.
   */
  static AwsWork cloudTrail(EventEnvelope e) {
    JsonNode d = e.detail();
    String eventName = d.path("eventName").asText("");
    String eventSource = d.path("eventSource").asText("");
    if (d.hasNonNull("errorCode")) {
      return ignore(
          e,
          "CloudTrail "
              + eventName
              + " failed with errorCode "
              + d.get("errorCode").asText()
              + ": nothing changed");
    }
    AwsScope scope =
        new AwsScope(
            d.path("recipientAccountId").asText(e.account()),
            d.path("awsRegion").asText(e.region()));
    JsonNode request = d.path("requestParameters");
    JsonNode response = d.path("responseElements");
    if (eventSource.equals("eks.amazonaws.com")) {
      if (!EKS_CALLS.contains(eventName)) {
        return ignore(e, "CloudTrail EKS call " + eventName + " is not evaluated");
      }
      String name =
          first(
              request.path("name"),
              request.path("clusterName"),
              response.path("cluster").path("name"),
              response.path("nodegroup").path("clusterName"),
              response.path("addon").path("clusterName"));
      if (name == null) {
        throw new InvalidInputException(
            "CloudTrail " + eventName + ": requestParameters name no cluster");
      }
      Kind kind = eventName.equals("DeleteCluster") ? Kind.DELETE : Kind.UPSERT;
      return new AwsWork.Cluster(
          new Change(kind, AwsResources.eksCluster(scope, name), e.time(), e.id()),
          scope,
          name,
          null);
    }
    if (eventSource.equals("ecr.amazonaws.com")) {
      if (!ECR_CALLS.contains(eventName)) {
        return ignore(e, "CloudTrail ECR call " + eventName + " is not evaluated");
      }
      String registry = request.path("registryId").asText("");
      if (!registry.isEmpty()) {
        scope = new AwsScope(registry, scope.region());
      }
      if (eventName.equals("PutRegistryScanningConfiguration")) {
        return new AwsWork.Registry(new Change(Kind.SWEEP, null, e.time(), e.id()), scope);
      }
      String name =
          first(request.path("repositoryName"), response.path("repository").path("repositoryName"));
      if (name == null) {
        throw new InvalidInputException(
            "CloudTrail " + eventName + ": requestParameters name no repository");
      }
      Kind kind = eventName.equals("DeleteRepository") ? Kind.DELETE : Kind.UPSERT;
      return new AwsWork.Repository(
          new Change(kind, AwsResources.ecrRepository(scope, name), e.time(), e.id()),
          scope,
          name,
          null);
    }
    throw new InvalidInputException(
        "CloudTrail event from eventSource '" + eventSource + "' is not evaluated");
  }

  private static String first(JsonNode... candidates) {
    for (JsonNode c : candidates) {
      if (c.isTextual() && !c.textValue().isBlank()) {
        return c.textValue();
      }
    }
    return null;
  }

  private static AwsWork ignore(EventEnvelope e, String reason) {
    return new AwsWork.Ignore(null, reason);
  }

  private static ImageRef image(AwsScope scope, String repository, String tag, String digest) {
    return new ImageRef(
        scope.ecrHost(), repository, tag == null || tag.isEmpty() ? null : tag, digest);
  }

  private static String text(JsonNode detail, String field, EventEnvelope e) {
    JsonNode v = detail.get(field);
    if (v == null || !v.isTextual() || v.textValue().isBlank()) {
      throw new InvalidInputException(e.detailType() + ": detail has no " + field);
    }
    return v.textValue();
  }

  private static String digest(JsonNode detail, EventEnvelope e) {
    return checkDigest(text(detail, "image-digest", e), e.detailType() + ": detail.image-digest");
  }

  private static String checkDigest(String digest, String where) {
    if (!digest.matches("sha256:[0-9a-f]{64}")) {
      throw new InvalidInputException(where + " '" + digest + "' is not a sha256 digest");
    }
    return digest;
  }
}
