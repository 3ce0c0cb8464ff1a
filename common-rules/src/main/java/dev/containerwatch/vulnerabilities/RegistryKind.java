package dev.containerwatch.vulnerabilities;

import java.util.Locale;

/** Which registry an image lives in, by its host: the registry rules take the reports of theirs. */
public enum RegistryKind {
  /** {@code *.azurecr.io} (and the sovereign clouds' {@code azurecr.cn}, {@code azurecr.us}). */
  ACR,
  /** {@code <account>.dkr.ecr.<region>.amazonaws.com} (and {@code .amazonaws.com.cn}). */
  ECR,
  /** {@code <location>-docker.pkg.dev}, and Container Registry's {@code gcr.io} hosts. */
  ARTIFACT_REGISTRY,
  /** {@code docker.io} and unqualified names ({@code nginx}, {@code bitnami/redis}). */
  DOCKER_HUB,
  /** Any other registry (quay.io, ghcr.io, a private host). */
  OTHER;

  /** The kind of a registry host as an {@link ImageRef} normalises it. */
  public static RegistryKind ofHost(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    int colon = h.indexOf(':');
    if (colon >= 0) {
      h = h.substring(0, colon);
    }
    if (h.endsWith(".azurecr.io") || h.endsWith(".azurecr.cn") || h.endsWith(".azurecr.us")) {
      return ACR;
    }
    if (h.matches("[0-9]{12}\\.dkr\\.ecr(-fips)?\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?")) {
      return ECR;
    }
    if (h.endsWith("-docker.pkg.dev") || h.equals("gcr.io") || h.endsWith(".gcr.io")) {
      return ARTIFACT_REGISTRY;
    }
    if (h.equals("docker.io") || h.equals("index.docker.io") || h.equals("registry-1.docker.io")) {
      return DOCKER_HUB;
    }
    return OTHER;
  }
}
