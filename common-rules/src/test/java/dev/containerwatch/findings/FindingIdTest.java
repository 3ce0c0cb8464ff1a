package dev.containerwatch.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FindingIdTest {
  private static final String CLUSTER =
      "/subscriptions/2f4a9c1e-7b3d-4e8a-9f21-0c5d6e7a8b9c/resourcegroups/rg-platform-prod/providers/microsoft.containerservice/managedclusters/aks-prod-weu";

  @Test
  void idIsAFixedFunctionOfRuleResourceAndSubject() {
    // Pinned: changing the derivation would orphan every finding already in the stores.
    assertThat(FindingId.of("aks.rbac", CLUSTER, null).hex())
        .isEqualTo("fc65b696bc1f8a5e705649ce2fe60754");
  }

  @Test
  void subjectRuleAndResourceEachChangeTheId() {
    FindingId base = FindingId.of("aks.rbac", CLUSTER, null);
    assertThat(FindingId.of("aks.rbac", CLUSTER, "nginx")).isNotEqualTo(base);
    assertThat(FindingId.of("aks.defender-profile", CLUSTER, null)).isNotEqualTo(base);
    assertThat(FindingId.of("aks.rbac", CLUSTER + "2", null)).isNotEqualTo(base);
    // An empty subject and no subject are the same finding.
    assertThat(FindingId.of("aks.rbac", CLUSTER, "")).isEqualTo(base);
  }

  @Test
  void armIdsDifferingOnlyInCaseGiveTheSameFinding() {
    ResourceRef eventGrid =
        new ResourceRef(ResourceType.AKS_CLUSTER, CLUSTER, null, null, "aks-prod-weu");
    ResourceRef arm =
        new ResourceRef(
            ResourceType.AKS_CLUSTER,
            CLUSTER
                .replace("resourcegroups", "resourceGroups")
                .replace(
                    "microsoft.containerservice/managedclusters",
                    "Microsoft.ContainerService/managedClusters"),
            null,
            null,
            "aks-prod-weu");
    assertThat(FindingId.of("aks.rbac", arm.canonicalId(), null))
        .isEqualTo(FindingId.of("aks.rbac", eventGrid.canonicalId(), null));
  }

  @Test
  void uuidFormIsAVersion5StyleUuidOfTheSameBits() {
    UUID uuid = FindingId.of("aks.rbac", CLUSTER, null).uuid();
    assertThat(uuid.version()).isEqualTo(5);
    assertThat(uuid.variant()).isEqualTo(2);
    assertThat(FindingId.uuidOf("aks.rbac")).isEqualTo(FindingId.uuidOf("aks.rbac"));
    assertThat(FindingId.uuidOf("aks.rbac")).isNotEqualTo(FindingId.uuidOf("acr.private-link"));
  }
}
