package dev.containerwatch.vulnerabilities;

import dev.containerwatch.InvalidInputException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * An image reference, normalised as the container runtime resolves it: {@code nginx:1.27} is {@code
 * docker.io/library/nginx:1.27}.
 *
 * <pre>{@code
 * ImageRef r = ImageRef.parse("shopregistry.azurecr.io/web:2.14.1@sha256:9a8b...");
 * r.registry();   // shopregistry.azurecr.io
 * r.repository(); // web
 * r.kind();       // ACR
 * }</pre>
 *
 * @param registry the registry host (with port, if any), lower-case
 * @param repository the repository path
 * @param tag the tag, or null
 * @param digest the manifest digest ({@code sha256:...}), or null
 */
public record ImageRef(String registry, String repository, String tag, String digest) {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  public static ImageRef parse(String reference) {
    if (reference == null || reference.isBlank()) {
      throw new InvalidInputException("image reference is empty");
    }
    String rest = reference.strip();
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1).toLowerCase(Locale.ROOT);
      rest = rest.substring(0, at);
      if (!DIGEST.matcher(digest).matches()) {
        throw new InvalidInputException(
            "image reference '"
                + InvalidInputException.excerpt(reference)
                + "' has a malformed digest");
      }
    }
    String tag = null;
    int lastSlash = rest.lastIndexOf('/');
    int colon = rest.lastIndexOf(':');
    if (colon > lastSlash) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    String registry;
    String repository;
    int firstSlash = rest.indexOf('/');
    String first = firstSlash < 0 ? "" : rest.substring(0, firstSlash);
    // As Docker does: the first component is a registry when it has a dot or a port, or is
    // localhost.
    if (firstSlash > 0
        && (first.contains(".") || first.contains(":") || first.equals("localhost"))) {
      registry = first.toLowerCase(Locale.ROOT);
      repository = rest.substring(firstSlash + 1);
    } else {
      registry = "docker.io";
      repository = rest;
    }
    if (registry.equals("index.docker.io") || registry.equals("registry-1.docker.io")) {
      registry = "docker.io";
    }
    if (registry.equals("docker.io") && !repository.contains("/")) {
      repository = "library/" + repository;
    }
    if (repository.isEmpty() || (tag != null && tag.isEmpty())) {
      throw new InvalidInputException(
          "image reference '" + InvalidInputException.excerpt(reference) + "' is malformed");
    }
    return new ImageRef(registry, repository, tag, digest);
  }

  public RegistryKind kind() {
    return RegistryKind.ofHost(registry);
  }

  /** {@code registry/repository}. */
  public String name() {
    return registry + "/" + repository;
  }

  /**
   * The identity of the image: {@code registry/repository@digest}, or {@code
   * registry/repository:tag} when the digest is not known.
   */
  public String canonical() {
    return digest != null ? name() + "@" + digest : name() + ":" + (tag == null ? "latest" : tag);
  }

  /** The same image with a digest. */
  public ImageRef withDigest(String newDigest) {
    return new ImageRef(registry, repository, tag, newDigest);
  }

  @Override
  public String toString() {
    return name() + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
  }
}
