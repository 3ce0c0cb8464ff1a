package dev.containerwatch.gcp.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.pipeline.Change;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;

/** Details of the event families that the samples do not each show. */
class EventFamiliesTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T = Instant.parse("2026-11-29T12:00:00Z");

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  private static EventChanges read(String data) {
    return PubSubMessages.read(
        new PubSubMessage(data.getBytes(StandardCharsets.UTF_8), Map.of(), "m-1", T), "e-1", T);
  }

  private static EventChanges parse(JsonNode entry) {
    return AuditLogEntries.parse(entry, "e", T);
  }

  /** The entry's one note, to assert on. */
  private static AbstractStringAssert<?> assertOnlyNote(JsonNode entry) {
    return assertThat(parse(entry).notes()).singleElement().asString();
  }

  /** A container.googleapis.com audit entry about node pool np1 of c1, with this method. */
  private static JsonNode clusterEntry(String method, String more) throws Exception {
    return json(
        String.format(
            "{\"logName\":\"projects/p-123456/logs/cloudaudit.googleapis.com%%2Factivity\",\"timestamp\":\"2026-11-29T12:00:00Z\","
                + "\"protoPayload\":{\"serviceName\":\"container.googleapis.com\",\"methodName\":\"%s\","
                + "\"resourceName\":\"projects/p-123456/locations/europe-west1/clusters/c1/nodePools/np1\"%s}}",
            method, more));
  }

  /** A k8s.io audit entry as GKE writes it, with the given method, resource name and bodies. */
  private static ObjectNode k8sEntry(
      String method, String resourceName, String response, Integer code) throws Exception {
    ObjectNode e =
        (ObjectNode)
            json(
                "{\"insertId\":\"a1\",\"logName\":\"projects/p-1/logs/cloudaudit.googleapis.com%2Factivity\","
                    + "\"timestamp\":\"2026-11-29T12:00:01.5Z\","
                    + "\"resource\":{\"type\":\"k8s_cluster\",\"labels\":{\"project_id\":\"p-123456\",\"location\":\"europe-west1-b\",\"cluster_name\":\"c1\"}},"
                    + "\"protoPayload\":{\"@type\":\"type.googleapis.com/google.cloud.audit.AuditLog\",\"serviceName\":\"k8s.io\"}}");
    ObjectNode p = (ObjectNode) e.get("protoPayload");
    p.put("methodName", method);
    p.put("resourceName", resourceName);
    if (response != null) {
      p.set("response", json(response));
    }
    if (code != null) {
      p.putObject("status").put("code", code).put("message", "denied");
    }
    return e;
  }

  @Test
  void aKubernetesObjectWithoutApiVersionAndKindTakesThemFromItsType() throws Exception {
    ObjectNode entry =
        k8sEntry(
            "io.k8s.apps.v1.statefulsets.update",
            "apps/v1/namespaces/data/statefulsets/db",
            "{\"@type\":\"apps.k8s.io/v1.StatefulSet\",\"metadata\":{\"name\":\"db\",\"namespace\":\"data\"},"
                + "\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"db\",\"image\":\"postgres:16\"}]}}}}",
            null);

    EventChanges changes = AuditLogEntries.parse(entry, "e-1", T);

    assertThat(changes.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.change().kind()).isEqualTo(Change.Kind.KUBERNETES_OBJECT);
              assertThat(c.change().resource().id())
                  .isEqualTo(
                      "//container.googleapis.com/projects/p-123456/locations/europe-west1-b/clusters/c1/k8s/data/StatefulSet.apps/db");
              assertThat(c.change().time()).isEqualTo(Instant.parse("2026-11-29T12:00:01.5Z"));
              assertThat(c.document().path("apiVersion").asText()).isEqualTo("apps/v1");
              assertThat(c.document().path("kind").asText()).isEqualTo("StatefulSet");
              assertThat(c.document().has("@type")).isFalse();
            });
  }

  @Test
  void coreAndDottedGroupsAreSpelledAsKubernetesDoes() throws Exception {
    ObjectNode pod =
        k8sEntry(
            "io.k8s.core.v1.pods.create",
            "core/v1/namespaces/web/pods/debug",
            "{\"@type\":\"core.k8s.io/v1.Pod\",\"metadata\":{\"name\":\"debug\",\"namespace\":\"web\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}",
            null);
    ObjectNode ingress =
        k8sEntry(
            "io.k8s.networking.v1.ingresses.create",
            "networking.k8s.io/v1/namespaces/web/ingresses/front",
            "{\"@type\":\"networking.k8s.io/v1.Ingress\",\"metadata\":{\"name\":\"front\",\"namespace\":\"web\"},\"spec\":{\"rules\":[]}}",
            null);

    assertThat(parse(pod).changes().get(0).document().path("apiVersion").asText()).isEqualTo("v1");
    assertThat(parse(ingress).changes().get(0).document().path("apiVersion").asText())
        .isEqualTo("networking.k8s.io/v1");
  }

  @Test
  void subresourcesFailuresReadsAndBodilessEntriesAreSkippedWithTheirReason() throws Exception {
    String pod =
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"p\",\"namespace\":\"web\"},\"spec\":{\"containers\":[]}}";
    assertOnlyNote(
            k8sEntry(
                "io.k8s.core.v1.pods.status.patch",
                "core/v1/namespaces/web/pods/p/status",
                pod,
                null))
        .contains("subresource 'status'");
    assertOnlyNote(k8sEntry("io.k8s.core.v1.pods.create", "core/v1/namespaces/web/pods/p", pod, 7))
        .contains("responseStatus.code 403");
    assertOnlyNote(k8sEntry("io.k8s.core.v1.pods.get", "core/v1/namespaces/web/pods/p", pod, null))
        .contains("verb 'get'");
    assertOnlyNote(
            k8sEntry("io.k8s.core.v1.pods.create", "core/v1/namespaces/web/pods/p", null, null))
        .contains("RequestResponse");
    assertThat(
            parse(
                    k8sEntry(
                        "io.k8s.core.v1.pods.delete",
                        "core/v1/namespaces/web/pods/p",
                        "{\"@type\":\"meta.k8s.io/__internal.Status\",\"kind\":\"Status\",\"metadata\":{},\"status\":\"Success\"}",
                        null))
                .changes())
        .isEmpty();
  }

  @Test
  void clusterAdminActivityReloadsOrResolvesAndIgnoresReadsAndFailures() throws Exception {
    EventChanges pool =
        parse(clusterEntry("google.container.v1beta1.ClusterManager.SetNodePoolManagement", ""));
    assertThat(pool.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.change().kind()).isEqualTo(Change.Kind.UPSERT);
              assertThat(c.change().resource().id())
                  .isEqualTo(
                      "//container.googleapis.com/projects/p-123456/locations/europe-west1/clusters/c1");
              assertThat(c.document()).as("re-read from the API").isNull();
            });
    assertOnlyNote(clusterEntry("google.container.v1.ClusterManager.GetCluster", ""))
        .contains("reads");
    assertOnlyNote(
            clusterEntry(
                "google.container.v1.ClusterManager.UpdateCluster",
                ",\"status\":{\"code\":9,\"message\":\"precondition\"}"))
        .contains("failed (status.code 9)");
    assertOnlyNote(clusterEntry("google.storage.v1.Storage.GetBucket", ""))
        .contains("not a ClusterManager method");
  }

  @Test
  void theFeedWelcomeMessageIsRecognisedAndOtherTextIsNot() {
    assertThat(
            read("You have successfully configured real time feed 'projects/1/feeds/f' on 'projects/1'.")
                .notes())
        .containsExactly("Cloud Asset feed welcome message (plain text)");
    assertThatThrownBy(() -> read("hello"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Pub/Sub message data is not JSON (5 bytes)");
    assertThatThrownBy(() -> read("[1,2]"))
        .hasMessage("Pub/Sub message data is JSON but not an object (ARRAY)");
  }

  @Test
  void aMessageWithAttributesOnlyIsRejected() {
    PubSubMessage m = new PubSubMessage(new byte[0], Map.of("eventType", "x"), "m-9", T);
    assertThatThrownBy(() -> PubSubMessages.read(m, "e", T))
        .hasMessage("Pub/Sub message m-9 has no data (attributes only: [eventType])");
  }

  @Test
  void theEnvelopeFallsBackToTheMessageIdAndPublishTime() throws Exception {
    String data =
        "{\"message\":{\"data\":\""
            + Base64.getEncoder().encodeToString("{\"action\":\"sweep\"}".getBytes())
            + "\",\"messageId\":\"4711\",\"publishTime\":\"2026-11-29T18:00:00.412Z\"},\"subscription\":\"projects/p/subscriptions/s\"}";
    PubSubEnvelope e =
        PubSubEnvelope.of(
            null,
            PubSubEnvelope.TYPE,
            "//pubsub.googleapis.com/projects/p/topics/t",
            null,
            data.getBytes());

    assertThat(e.eventId()).isEqualTo("4711");
    assertThat(e.time()).isEqualTo(Instant.parse("2026-11-29T18:00:00.412Z"));
    assertThat(e.subscription()).isEqualTo("projects/p/subscriptions/s");
    assertThatThrownBy(
            () ->
                PubSubEnvelope.of(
                    "1",
                    PubSubEnvelope.TYPE,
                    "s",
                    T,
                    "{\"message\":{\"data\":\"e30=\",\"attributes\":[1]}}".getBytes()))
        .hasMessage("message.attributes is not an object");
    assertThatThrownBy(
            () ->
                PubSubEnvelope.of(
                    "1", PubSubEnvelope.TYPE, "s", T, "{\"subscription\":\"s\"}".getBytes()))
        .hasMessageContaining("no 'message' object");
    assertThatThrownBy(() -> PubSubEnvelope.of("1", PubSubEnvelope.TYPE, "s", T, new byte[0]))
        .hasMessage("CloudEvent 1 has no data");
  }

  @Test
  void gcrNotificationsOfContainerRegistryAreImagesToo() throws Exception {
    EventChanges c =
        RegistryNotifications.parse(
            json(
                "{\"action\":\"INSERT\",\"digest\":\"eu.gcr.io/p-123456/tools/kubectl@sha256:"
                    + "ab".repeat(32)
                    + "\",\"tag\":\"eu.gcr.io/p-123456/tools/kubectl:1.31\"}"),
            "e",
            T);
    assertThat(c.changes().get(0).change().resource().id())
        .isEqualTo("eu.gcr.io/p-123456/tools/kubectl@sha256:" + "ab".repeat(32));
    assertThatThrownBy(
            () ->
                RegistryNotifications.parse(
                    json("{\"action\":\"INSERT\",\"tag\":\"eu.gcr.io/p/x:1\"}"), "e", T))
        .hasMessage("gcr notification: INSERT without a digest");
  }

  @Test
  void gkeNamesOfEveryFormNameTheSameCluster() {
    String expected =
        "//container.googleapis.com/projects/p-123456/locations/us-east1-b/clusters/c1";
    assertThat(
            GkeNames.cluster(
                    "//container.googleapis.com/projects/p-123456/zones/us-east1-b/clusters/c1")
                .orElseThrow()
                .id())
        .isEqualTo(expected);
    assertThat(
            GkeNames.cluster("projects/p-123456/locations/us-east1-b/clusters/c1/nodePools/np")
                .orElseThrow()
                .id())
        .isEqualTo(expected);
    assertThat(
            GkeNames.isNodePool("projects/p-123456/locations/us-east1-b/clusters/c1/nodePools/np"))
        .isTrue();
    assertThat(GkeNames.cluster("projects/p-123456/clusters/c1")).isEmpty();
  }

  @Test
  void deletedObjectsAreResolvedUnlessAControllerMadeThem() throws Exception {
    EventChanges service =
        parse(
            k8sEntry(
                "io.k8s.core.v1.services.delete",
                "core/v1/namespaces/web/services/front",
                "{\"@type\":\"meta.k8s.io/__internal.Status\",\"kind\":\"Status\",\"status\":\"Success\",\"metadata\":{}}",
                null));
    assertThat(service.changes())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.change().kind()).isEqualTo(Change.Kind.DELETE);
              assertThat(c.change().resource().id())
                  .isEqualTo(
                      "//container.googleapis.com/projects/p-123456/locations/europe-west1-b/clusters/c1/k8s/web/Service/front");
            });

    String pod =
        "{\"@type\":\"core.k8s.io/v1.Pod\",\"metadata\":{\"name\":\"api-7d9f-x2\",\"namespace\":\"web\","
            + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"api-7d9f\",\"controller\":true}]},\"spec\":{}}";
    assertOnlyNote(
            k8sEntry(
                "io.k8s.core.v1.pods.delete", "core/v1/namespaces/web/pods/api-7d9f-x2", pod, null))
        .contains("was made by ReplicaSet api-7d9f");
    assertOnlyNote(
            k8sEntry(
                "io.k8s.core.v1.pods.delete",
                "core/v1/namespaces/web/pods/api-7d9f-x2",
                null,
                null))
        .contains("taken for a controller's");
    assertThat(
            parse(
                    k8sEntry(
                        "io.k8s.core.v1.pods.delete",
                        "core/v1/namespaces/web/pods/bare",
                        "{\"@type\":\"core.k8s.io/v1.Pod\",\"metadata\":{\"name\":\"bare\",\"namespace\":\"web\"},\"spec\":{}}",
                        null))
                .changes())
        .singleElement()
        .satisfies(c -> assertThat(c.change().kind()).isEqualTo(Change.Kind.DELETE));
    assertOnlyNote(
            k8sEntry(
                "io.k8s.core.v1.services.delete", "core/v1/namespaces/web/services/front", null, 5))
        .contains("failed (status.code 5)");
    assertOnlyNote(
            k8sEntry(
                "io.k8s.rbac.v1.roles.delete",
                "rbac.authorization.k8s.io/v1/namespaces/web/roles/r",
                null,
                null))
        .contains("kind of 'roles' is not evaluated");
  }
}
