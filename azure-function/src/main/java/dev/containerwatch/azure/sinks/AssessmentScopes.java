package dev.containerwatch.azure.sinks;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.events.ArmId;
import dev.containerwatch.azure.loaders.RegistryDirectory;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.RegistryKind;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which Azure resource an assessment of a finding is written on.
 *
 * <table>
 *   <caption>assessment scopes</caption>
 *   <tr><th>finding about</th><th>assessment on</th><th>one assessment per</th></tr>
 *   <tr><td>AKS cluster, registry, Arc cluster, security connector</td><td>the resource</td>
 *       <td>resource and rule</td></tr>
 *   <tr><td>Defender plan ({@code pricings/Containers})</td><td>its subscription
 *       ({@code /subscriptions/S}), as Defender assesses plans</td><td>subscription and rule</td></tr>
 *   <tr><td>Kubernetes object</td><td>its cluster (AKS or Arc)</td><td>cluster and rule: the
 *       failing objects are listed in {@code additionalData}</td></tr>
 *   <tr><td>image in ACR</td><td>its registry (by login server)</td><td>registry and rule: the
 *       failing images are listed in {@code additionalData}</td></tr>
 *   <tr><td>image in Docker Hub</td><td>the configured scope (a subscription), when set</td>
 *       <td>scope and rule</td></tr>
 * </table>
 *
 * Defender allows one assessment per resource and assessment key, and its keys are per rule, so
 * objects and images inside a resource share their resource's assessment of each rule.
 */
public final class AssessmentScopes {
  private static final Pattern SUBSCRIPTION =
      Pattern.compile("^/subscriptions/([^/]+)", Pattern.CASE_INSENSITIVE);

  private final RegistryDirectory registries;
  private final String dockerHubScope;

  /**
   * @param dockerHubScope the ARM scope of Docker Hub image assessments, or null to leave them to
   *     the webhook sink
   */
  public AssessmentScopes(RegistryDirectory registries, String dockerHubScope) {
    this.registries = registries;
    this.dockerHubScope =
        dockerHubScope == null || dockerHubScope.isBlank() ? null : dockerHubScope;
  }

  /**
   * Where a resource's assessments go.
   *
   * @param scope the ARM id the assessment is written under
   * @param item for a resource inside the scope (an object, an image), its key in {@code
   *     additionalData}; null when the resource is the scope
   */
  public record Scope(String scope, String item) {
    public boolean aggregated() {
      return item != null;
    }

    public String subscription() {
      Matcher m = SUBSCRIPTION.matcher(scope);
      if (!m.find()) {
        throw new IllegalStateException("scope without subscription: " + scope);
      }
      return m.group(1);
    }
  }

  /** The scope, or empty with the reason when the resource has no Azure resource to carry it. */
  public Result scopeOf(ResourceRef resource) {
    switch (resource.type()) {
      case AKS_CLUSTER:
      case ACR_REGISTRY:
      case ARC_CLUSTER:
      case SECURITY_CONNECTOR:
        return Result.of(new Scope(resource.id(), null));
      case DEFENDER_PLAN:
        {
          Optional<ArmId> id = ArmId.parse(resource.id());
          return id.map(a -> Result.of(new Scope(a.subscriptionScope(), null)))
              .orElseGet(
                  () -> Result.none("pricing id " + resource.id() + " names no subscription"));
        }
      case KUBERNETES_OBJECT:
        return kubernetesObject(resource);
      case IMAGE_SCAN:
        return image(resource);
      default:
        return Result.none(
            resource.type().nativeName() + " resources have no Azure resource to hold assessments");
    }
  }

  /** A scope, or why there is none. */
  public record Result(Optional<Scope> scope, String reason) {
    static Result of(Scope s) {
      return new Result(Optional.of(s), null);
    }

    static Result none(String reason) {
      return new Result(Optional.empty(), reason);
    }
  }

  private static Result kubernetesObject(ResourceRef object) {
    // The id is <cluster id>/k8s/<namespace>/<Kind[.group]>/<name> (KubernetesSnapshots).
    String id = object.id();
    int end = id.length();
    for (int i = 0; i < 4 && end > 0; i++) {
      end = id.lastIndexOf('/', end - 1);
    }
    if (end <= 0 || !id.startsWith("/k8s/", end)) {
      return Result.none("Kubernetes object id " + id + " does not name its cluster");
    }
    String cluster = id.substring(0, end);
    Optional<ArmId> arm = ArmId.parse(cluster);
    if (arm.isEmpty() || arm.get().child()) {
      return Result.none("the cluster of " + object.name() + " is not an Azure resource");
    }
    return Result.of(new Scope(cluster, "object:" + id.substring(end + "/k8s/".length())));
  }

  private Result image(ResourceRef resource) {
    ImageRef image;
    try {
      image = ImageRef.parse(resource.id());
    } catch (InvalidInputException e) {
      return Result.none("image id " + resource.id() + " is not an image reference");
    }
    String item = "image:" + image.canonical();
    if (image.kind() == RegistryKind.ACR) {
      return registries
          .registryOf(image.registry())
          .map(id -> Result.of(new Scope(id, item)))
          .orElseGet(
              () ->
                  Result.none(
                      "registry "
                          + image.registry()
                          + " is not known to this function (no event or sweep named it)"));
    }
    if (image.kind() == RegistryKind.DOCKER_HUB && dockerHubScope != null) {
      return Result.of(new Scope(dockerHubScope, item));
    }
    return Result.none(
        "images in "
            + image.registry()
            + " have no Azure resource to hold assessments"
            + (image.kind() == RegistryKind.DOCKER_HUB
                ? " (CONTAINERWATCH_DOCKERHUB_SCOPE is not set)"
                : ""));
  }
}
