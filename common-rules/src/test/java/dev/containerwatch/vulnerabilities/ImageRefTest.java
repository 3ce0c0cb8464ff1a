package dev.containerwatch.vulnerabilities;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageRefTest {
  private static final String DIGEST =
      "sha256:3f9a1c27b8e64d05a1c9e2f7b6d84a3c5e0f1b2d7c8a9e6f4b3d2c1a0e9f8d7c";

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "-",
      value = {
        "nginx | docker.io | library/nginx | - | DOCKER_HUB",
        "nginx:1.27 | docker.io | library/nginx | 1.27 | DOCKER_HUB",
        "bitnami/redis:7.4 | docker.io | bitnami/redis | 7.4 | DOCKER_HUB",
        "docker.io/library/busybox:1.36 | docker.io | library/busybox | 1.36 | DOCKER_HUB",
        "index.docker.io/acmecorp/storefront:4.2.0 | docker.io | acmecorp/storefront | 4.2.0 | DOCKER_HUB",
        "shopregistry.azurecr.io/web:2.14.1 | shopregistry.azurecr.io | web | 2.14.1 | ACR",
        "ShopRegistry.AzureCR.io/team/web:2.14.1 | shopregistry.azurecr.io | team/web | 2.14.1 | ACR",
        "493817260145.dkr.ecr.eu-west-1.amazonaws.com/payments/ledger:1.0 | 493817260145.dkr.ecr.eu-west-1.amazonaws.com | payments/ledger | 1.0 | ECR",
        "europe-west1-docker.pkg.dev/acme-prod/containers/web:3 | europe-west1-docker.pkg.dev | acme-prod/containers/web | 3 | ARTIFACT_REGISTRY",
        "gcr.io/acme-legacy/api:2.3.0 | gcr.io | acme-legacy/api | 2.3.0 | ARTIFACT_REGISTRY",
        "eu.gcr.io/acme-legacy/api | eu.gcr.io | acme-legacy/api | - | ARTIFACT_REGISTRY",
        "localhost:5000/dev/app:latest | localhost:5000 | dev/app | latest | OTHER",
        "ghcr.io/acme/tool:v1 | ghcr.io | acme/tool | v1 | OTHER",
        "evil.com/shopregistry.azurecr.io/web:1 | evil.com | shopregistry.azurecr.io/web | 1 | OTHER"
      })
  void referencesAreNormalisedAsTheRuntimeResolvesThem(
      String reference, String registry, String repository, String tag, RegistryKind kind) {
    ImageRef r = ImageRef.parse(reference);
    assertThat(r.registry()).isEqualTo(registry);
    assertThat(r.repository()).isEqualTo(repository);
    assertThat(r.tag()).isEqualTo(tag);
    assertThat(r.digest()).isNull();
    assertThat(r.kind()).isEqualTo(kind);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "shopregistry.azurecr.io/web@" + DIGEST,
    "shopregistry.azurecr.io/web:2.14.1@" + DIGEST,
    "localhost:5000/web@" + DIGEST
  })
  void digestsAreTheIdentity(String reference) {
    ImageRef r = ImageRef.parse(reference);
    assertThat(r.digest()).isEqualTo(DIGEST);
    assertThat(r.canonical()).endsWith("/web@" + DIGEST);
  }

  @ParameterizedTest(name = "''{0}''")
  @CsvSource(
      delimiter = '|',
      value = {
        "' ' | image reference is empty",
        "shopregistry.azurecr.io/web@sha256:abc | has a malformed digest",
        "shopregistry.azurecr.io/web: | is malformed"
      })
  void malformedReferencesAreNamed(String reference, String message) {
    assertThatThrownBy(() -> ImageRef.parse(reference))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(message);
  }
}
