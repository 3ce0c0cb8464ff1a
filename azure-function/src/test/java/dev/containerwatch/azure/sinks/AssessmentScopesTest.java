package dev.containerwatch.azure.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.azure.loaders.RegistryDirectory;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import org.junit.jupiter.api.Test;

class AssessmentScopesTest {
  private static final String SUB = "/subscriptions/8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916";
  private static final String AKS =
      SUB + "/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/k8s";
  private static final String ACR =
      SUB + "/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/shopbuild";

  @Test
  void aKubernetesObjectIsAssessedOnItsClusterEvenWhenTheClusterIsNamedK8s() {
    AssessmentScopes scopes = new AssessmentScopes(new RegistryDirectory(), null);

    AssessmentScopes.Scope scope =
        scopes
            .scopeOf(
                new ResourceRef(
                    ResourceType.KUBERNETES_OBJECT,
                    AKS + "/k8s/shop/Deployment.apps/web",
                    null,
                    null,
                    "web"))
            .scope()
            .orElseThrow();

    assertThat(scope.scope()).isEqualTo(AKS);
    assertThat(scope.item()).isEqualTo("object:shop/Deployment.apps/web");
    assertThat(scope.subscription()).isEqualTo("8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916");
  }

  @Test
  void anImageIsAssessedOnItsRegistryOnceTheRegistryIsKnown() {
    RegistryDirectory registries = new RegistryDirectory();
    AssessmentScopes scopes = new AssessmentScopes(registries, null);
    ResourceRef image =
        new ResourceRef(
            ResourceType.IMAGE_SCAN,
            "shopbuild.azurecr.io/web@sha256:" + "b".repeat(64),
            null,
            null,
            "web");

    AssessmentScopes.Result unknown = scopes.scopeOf(image);
    registries.remember("ShopBuild.azurecr.io", ACR);
    AssessmentScopes.Result known = scopes.scopeOf(image);

    assertThat(unknown.scope()).isEmpty();
    assertThat(unknown.reason()).contains("registry shopbuild.azurecr.io is not known");
    assertThat(known.scope().orElseThrow().scope()).isEqualTo(ACR);
  }

  @Test
  void plansAreAssessedOnTheirSubscriptionAndDockerHubOnlyWhereConfigured() {
    AssessmentScopes without = new AssessmentScopes(new RegistryDirectory(), null);
    AssessmentScopes with = new AssessmentScopes(new RegistryDirectory(), SUB);
    ResourceRef hub =
        new ResourceRef(
            ResourceType.IMAGE_SCAN, "docker.io/acmecorp/storefront:4.2.0", null, null, "s");

    assertThat(
            without
                .scopeOf(
                    new ResourceRef(
                        ResourceType.DEFENDER_PLAN,
                        SUB + "/providers/Microsoft.Security/pricings/Containers",
                        null,
                        null,
                        "Containers"))
                .scope()
                .orElseThrow()
                .scope())
        .isEqualTo(SUB);
    assertThat(without.scopeOf(hub).reason()).contains("CONTAINERWATCH_DOCKERHUB_SCOPE is not set");
    assertThat(with.scopeOf(hub).scope().orElseThrow().scope()).isEqualTo(SUB);
    assertThat(
            without
                .scopeOf(
                    new ResourceRef(
                        ResourceType.EKS_CLUSTER,
                        "arn:aws:eks:eu-west-1:123456789012:cluster/x",
                        null,
                        null,
                        "x"))
                .scope())
        .isEmpty();
  }

  @Test
  void assessmentNamesAreStableGuidsPerRule() {
    assertThat(AssessmentNames.of("aks.rbac"))
        .isEqualTo(AssessmentNames.of("aks.rbac"))
        .isNotEqualTo(AssessmentNames.of("acr.private-link"))
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  }
}
