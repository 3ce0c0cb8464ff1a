package dev.containerwatch.gcp.sinks;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.vulnerabilities.ImageRef;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The full resource names findings are written on, in the form Cloud Asset Inventory and Security
 * Command Center use:
 *
 * <ul>
 *   <li>GKE cluster: {@code //container.googleapis.com/projects/P/locations/L/clusters/C};
 *   <li>Kubernetes object in a GKE cluster: {@code
 *       <cluster>/k8s/namespaces/NS/[GROUP/]RESOURCE/NAME}, e.g. {@code
 *       .../k8s/namespaces/shop/apps/deployments/web} or {@code
 *       .../k8s/namespaces/shop/pods/debug};
 *   <li>Artifact Registry image: {@code
 *       //artifactregistry.googleapis.com/projects/P/locations/L/repositories/R/dockerImages/IMAGE@sha256:...}
 *       (slashes of the image name written {@code %2F}); Container Registry hosts ({@code gcr.io},
 *       {@code us.gcr.io}, {@code eu.gcr.io}, {@code asia.gcr.io}) are the Artifact Registry
 *       repositories of that name in {@code us}, {@code europe} and {@code asia};
 *   <li>any other resource (an image in Docker Hub): {@code //} and its reference, which Security
 *       Command Center accepts for resources outside Google Cloud.
 * </ul>
 */
public final class SccResourceNames {
  private static final Pattern AR_HOST = Pattern.compile("^([a-z0-9-]+)-docker\\.pkg\\.dev$");
  private static final Map<String, String> GCR_LOCATIONS =
      Map.of("gcr.io", "us", "us.gcr.io", "us", "eu.gcr.io", "europe", "asia.gcr.io", "asia");

  private SccResourceNames() {}

  public static String of(ResourceRef resource) {
    switch (resource.type()) {
      case GKE_CLUSTER:
        return resource.id();
      case KUBERNETES_OBJECT:
        return kubernetesObject(resource.id()).orElse(resource.id());
      case IMAGE_SCAN:
        return image(resource.id()).orElse("//" + resource.id());
      default:
        return resource.id();
    }
  }

  /** The Google Cloud console page of a GKE cluster, if the resource is one. */
  public static Optional<String> consoleUri(ResourceRef resource) {
    if (resource.type() != dev.containerwatch.model.ResourceType.GKE_CLUSTER
        || resource.account() == null
        || resource.region() == null) {
      return Optional.empty();
    }
    return Optional.of(
        "https://console.cloud.google.com/kubernetes/clusters/details/"
            + resource.region()
            + "/"
            + resource.name()
            + "/details?project="
            + resource.account());
  }

  private static Optional<String> kubernetesObject(String id) {
    int k8s = id.indexOf("/k8s/");
    if (!id.startsWith("//container.googleapis.com/") || k8s < 0) {
      return Optional.empty();
    }
    String cluster = id.substring(0, k8s);
    String[] parts = id.substring(k8s + "/k8s/".length()).split("/");
    if (parts.length != 3) {
      return Optional.empty();
    }
    String kindGroup = parts[1];
    int dot = kindGroup.indexOf('.');
    String kind = dot < 0 ? kindGroup : kindGroup.substring(0, dot);
    String group = dot < 0 ? "" : kindGroup.substring(dot + 1);
    return Optional.of(
        cluster
            + "/k8s/namespaces/"
            + parts[0]
            + "/"
            + (group.isEmpty() ? "" : group + "/")
            + plural(kind)
            + "/"
            + parts[2]);
  }

  /** The resource name Kubernetes gives a kind ({@code Ingress} → {@code ingresses}). */
  static String plural(String kind) {
    String k = kind.toLowerCase(Locale.ROOT);
    if (k.endsWith("s")) {
      return k + "es";
    }
    if (k.endsWith("y")) {
      return k.substring(0, k.length() - 1) + "ies";
    }
    return k + "s";
  }

  private static Optional<String> image(String reference) {
    ImageRef image;
    try {
      image = ImageRef.parse(reference);
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
    if (image.digest() == null) {
      return Optional.empty();
    }
    String project;
    String location;
    String repository;
    String path;
    Matcher ar = AR_HOST.matcher(image.registry());
    String[] segments = image.repository().split("/", 3);
    if (ar.matches() && segments.length == 3) {
      location = ar.group(1);
      project = segments[0];
      repository = segments[1];
      path = segments[2];
    } else if (GCR_LOCATIONS.containsKey(image.registry()) && segments.length >= 2) {
      location = GCR_LOCATIONS.get(image.registry());
      repository = image.registry();
      String[] two = image.repository().split("/", 2);
      project = two[0];
      path = two[1];
    } else {
      return Optional.empty();
    }
    return Optional.of(
        "//artifactregistry.googleapis.com/projects/"
            + project
            + "/locations/"
            + location
            + "/repositories/"
            + repository
            + "/dockerImages/"
            + URLEncoder.encode(path, StandardCharsets.UTF_8)
            + "@"
            + image.digest());
  }
}
