package dev.containerwatch.azure.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.model.ResourceType;
import org.junit.jupiter.api.Test;

class ArmIdTest {
  private static final String AKS =
      "/subscriptions/8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/prod";

  @Test
  void aChildResourceNamesItsParent() {
    ArmId pool = ArmId.parse(AKS + "/agentPools/apps").orElseThrow();
    ArmId diag =
        ArmId.parse(AKS + "/providers/Microsoft.Insights/diagnosticSettings/audit").orElseThrow();

    assertThat(pool.topLevelId()).isEqualTo(AKS);
    assertThat(pool.child()).isTrue();
    assertThat(diag.topLevelId()).isEqualTo(AKS);
    assertThat(diag.resourceType()).contains(ResourceType.AKS_CLUSTER);
    assertThat(ArmId.parse(AKS).orElseThrow().child()).isFalse();
  }

  @Test
  void subscriptionLevelResourcesAndCaseAreRead() {
    ArmId pricing =
        ArmId.parse("/SUBSCRIPTIONS/S1/PROVIDERS/MICROSOFT.SECURITY/PRICINGS/CONTAINERS")
            .orElseThrow();

    assertThat(pricing.resourceType()).contains(ResourceType.DEFENDER_PLAN);
    assertThat(pricing.subscription()).isEqualTo("S1");
    assertThat(pricing.subscriptionScope()).isEqualTo("/subscriptions/S1");
  }

  @Test
  void whatIsNotAResourceIdIsEmpty() {
    assertThat(ArmId.parse("aks-shop-prod")).isEmpty();
    assertThat(ArmId.parse("/subscriptions/s1/resourceGroups/rg")).isEmpty();
    assertThat(ArmId.parse(null)).isEmpty();
    assertThat(
            ArmId.parse(
                    "/subscriptions/s1/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/st")
                .orElseThrow()
                .resourceType())
        .isEmpty();
  }
}
