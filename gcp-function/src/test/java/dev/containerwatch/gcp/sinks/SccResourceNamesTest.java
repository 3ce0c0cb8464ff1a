package dev.containerwatch.gcp.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import org.junit.jupiter.api.Test;

class SccResourceNamesTest {
  private static final String D = "sha256:" + "0f".repeat(32);

  private static ResourceRef image(String id) {
    return new ResourceRef(ResourceType.IMAGE_SCAN, id, null, null, "x");
  }

  @Test
  void imagesInArtifactRegistryAndContainerRegistryAreDockerImages() {
    assertThat(
            SccResourceNames.of(image("europe-west4-docker.pkg.dev/p-123456/apps/team/api@" + D)))
        .isEqualTo(
            "//artifactregistry.googleapis.com/projects/p-123456/locations/europe-west4/repositories/apps/dockerImages/team%2Fapi@"
                + D);
    assertThat(SccResourceNames.of(image("gcr.io/p-123456/api@" + D)))
        .isEqualTo(
            "//artifactregistry.googleapis.com/projects/p-123456/locations/us/repositories/gcr.io/dockerImages/api@"
                + D);
    assertThat(SccResourceNames.of(image("eu.gcr.io/p-123456/tools/kubectl@" + D)))
        .isEqualTo(
            "//artifactregistry.googleapis.com/projects/p-123456/locations/europe/repositories/eu.gcr.io/dockerImages/tools%2Fkubectl@"
                + D);
  }

  @Test
  void otherImagesKeepTheirReference() {
    assertThat(SccResourceNames.of(image("docker.io/nordwind/storefront:5.3.0")))
        .isEqualTo("//docker.io/nordwind/storefront:5.3.0");
  }

  @Test
  void kubernetesObjectsAreNamedAsCloudAssetInventoryNamesThem() {
    String cluster = ResourceDocuments.gkeCluster("p-123456", "us-central1", "c1").id();
    assertThat(
            SccResourceNames.of(
                new ResourceRef(
                    ResourceType.KUBERNETES_OBJECT,
                    cluster + "/k8s/web/Ingress.networking.k8s.io/front",
                    null,
                    null,
                    "x")))
        .isEqualTo(cluster + "/k8s/namespaces/web/networking.k8s.io/ingresses/front");
    assertThat(
            SccResourceNames.of(
                new ResourceRef(
                    ResourceType.KUBERNETES_OBJECT,
                    cluster + "/k8s/web/Pod/debug",
                    null,
                    null,
                    "x")))
        .isEqualTo(cluster + "/k8s/namespaces/web/pods/debug");
    assertThat(SccResourceNames.plural("NetworkPolicy")).isEqualTo("networkpolicies");
  }

  @Test
  void theConsoleUriIsGivenForClustersOnly() {
    assertThat(
            SccResourceNames.consoleUri(
                ResourceDocuments.gkeCluster("p-123456", "us-central1", "c1")))
        .contains(
            "https://console.cloud.google.com/kubernetes/clusters/details/us-central1/c1/details?project=p-123456");
    assertThat(SccResourceNames.consoleUri(image("gcr.io/p/api@" + D))).isEmpty();
  }

  @Test
  void categoriesAreRuleIdsInUpperSnakeCase() {
    assertThat(SccFindings.category("gke.legacy-abac-disabled"))
        .isEqualTo("GKE_LEGACY_ABAC_DISABLED");
    assertThat(SccFindings.category("k8s.no-cap-sys-admin")).isEqualTo("K8S_NO_CAP_SYS_ADMIN");
  }
}
