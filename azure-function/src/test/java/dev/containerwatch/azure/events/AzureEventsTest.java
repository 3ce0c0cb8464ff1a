package dev.containerwatch.azure.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.Change;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Routing cases the samples do not show. */
class AzureEventsTest {
  private static final Instant NOW = Instant.parse("2026-11-29T15:00:00Z");
  private static final String SUB = "/subscriptions/8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916";
  private static final String AKS =
      SUB
          + "/resourcegroups/rg-payments-prod/providers/Microsoft.ContainerService/managedClusters/aks-shop-prod";

  private static RoutedEvent route(String json) {
    return AzureEvents.route(EventGridEnvelope.parse(json).get(0), NOW);
  }

  @Test
  void aNotificationOfAChildResourceReadsTheParentFromArm() {
    RoutedEvent routed =
        route(
            "{\"id\":\"n1\",\"topic\":\""
                + SUB
                + "\",\"eventType\":\"Microsoft.ResourceNotifications.Resources.Deleted\",\"eventTime\":\"2026-11-29T12:00:00Z\","
                + "\"data\":{\"resourceInfo\":{\"id\":\""
                + AKS
                + "/agentPools/spot\",\"name\":\"spot\",\"type\":\"Microsoft.ContainerService/managedClusters/agentPools\"},"
                + "\"operationalInfo\":{\"resourceEventTime\":\"2026-11-29T11:59:58.1Z\"}}}");

    AzureChange change = routed.changes().get(0);
    assertThat(change.kind()).isEqualTo(Change.Kind.UPSERT);
    assertThat(change.resource().id()).isEqualTo(AKS);
    assertThat(change.document()).isNull();
    assertThat(change.change().time()).isEqualTo(Instant.parse("2026-11-29T11:59:58.1Z"));
  }

  @Test
  void aDeletedPricingIsReadAgainBecauseAPlanReturnsToFree() {
    RoutedEvent routed =
        route(
            "{\"id\":\"p1\",\"topic\":\""
                + SUB
                + "\",\"subject\":\""
                + SUB
                + "/providers/Microsoft.Security/pricings/Containers\",\"eventType\":\"Microsoft.Resources.ResourceDeleteSuccess\",\"data\":{}}");

    AzureChange change = routed.changes().get(0);
    assertThat(change.kind()).isEqualTo(Change.Kind.UPSERT);
    assertThat(change.resource().type()).isEqualTo(ResourceType.DEFENDER_PLAN);
    assertThat(change.change().time()).isEqualTo(NOW);
  }

  @Test
  void theValidationEventIsAcknowledged() {
    RoutedEvent routed =
        route(
            "[{\"id\":\"2d1781af-3a4c-4d7c-bd0c-e34b19da4e66\",\"topic\":\"/subscriptions/x\",\"subject\":\"\","
                + "\"data\":{\"validationCode\":\"512d38b6-c7b8-40c8-89fe-f46f9e9622b6\"},"
                + "\"eventType\":\"Microsoft.EventGrid.SubscriptionValidationEvent\",\"eventTime\":\"2018-01-25T22:12:19.4556811Z\","
                + "\"metadataVersion\":\"1\",\"dataVersion\":\"1\"}]");

    assertThat(routed.isIgnored()).isTrue();
    assertThat(routed.ignoredBecause()).contains("answered by the Event Grid trigger");
  }

  @Test
  void aNotificationWithoutPropertiesReadsTheResource() {
    RoutedEvent routed =
        route(
            "{\"specversion\":\"1.0\",\"id\":\"n2\",\"source\":\""
                + SUB
                + "\",\"type\":\"Microsoft.ResourceNotifications.Resources.CreatedOrUpdated\","
                + "\"data\":{\"resourceInfo\":{\"id\":\""
                + AKS
                + "\",\"name\":\"aks-shop-prod\",\"type\":\"Microsoft.ContainerService/managedClusters\"}}}");

    assertThat(routed.changes().get(0).document()).isNull();
    assertThat(routed.changes().get(0).kind()).isEqualTo(Change.Kind.UPSERT);
  }
}
