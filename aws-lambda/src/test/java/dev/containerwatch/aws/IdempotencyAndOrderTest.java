package dev.containerwatch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Delivery at least once and out of order, against a model of Security Hub's store ({@link
 * SecurityHubStore}: upsert by {@code Id}, an update not later than the stored {@code UpdatedAt}
 * ignored). Every finding is stamped with the time of the event that caused it, never with the time
 * it was processed, so the store's own rule keeps the latest state whatever the order:
 *
 * <ul>
 *   <li>the same event twice stores each finding once, unchanged;
 *   <li>an older event that carries its resource (a Config item) arriving after a newer one leaves
 *       the newer state;
 *   <li>an older event that re-reads its resource (CloudTrail, a scan) arriving late is stamped
 *       with its own older time: its write is ignored where a newer one was stored, even though it
 *       read the current state (the newer event, or the next sweep, has written that);
 *   <li>a deletion followed by a late, older upsert or re-read does not bring the findings back.
 * </ul>
 *
 * The events are the samples of {@code events-samples/aws/} and variants of them in {@code
 * src/test/resources/ordering/} (the same resource at other times).
 */
class IdempotencyAndOrderTest {
  static final Path ORDERING = Path.of("src", "test", "resources", "ordering");

  static byte[] ordering(String name) throws IOException {
    return Files.readAllBytes(ORDERING.resolve(name + ".json"));
  }

  static String status(ObjectNode finding) {
    return finding.path("Compliance").path("Status").asText()
        + " "
        + finding.path("RecordState").asText();
  }

  @Test
  void theSameEventTwiceStoresEachFindingOnceUnchanged() throws Exception {
    SecurityHubStore store = new SecurityHubStore();
    try (AwsTestbed aws = new AwsTestbed(store)) {
      aws.onEventBridge(AwsTestbed.sample("config-eks-cluster"));
      Map<String, ObjectNode> first = store.findings();

      aws.onEventBridge(AwsTestbed.sample("config-eks-cluster"));

      assertThat(first).hasSize(2);
      assertThat(store.findings()).isEqualTo(first);
      assertThat(store.applied()).hasSize(2).doesNotHaveDuplicates();
      assertThat(store.ignored()).containsExactlyInAnyOrderElementsOf(first.keySet());
    }
  }

  @Test
  void theSameEventTwiceInOneSqsBatchIsImportedOnce() throws Exception {
    SecurityHubStore store = new SecurityHubStore();
    try (AwsTestbed aws = new AwsTestbed(store)) {
      String body = new String(AwsTestbed.sample("config-eks-cluster"));
      ObjectNode batch = AwsTestbed.JSON.createObjectNode();
      for (String id :
          new String[] {
            "a1b2c3d4-0000-4000-8000-000000000001", "a1b2c3d4-0000-4000-8000-000000000002"
          }) {
        batch.withArray("Records").addObject().put("messageId", id).put("body", body);
      }
      JsonNode answer = aws.invoke(new SqsHandler(aws.function()), batch.toString().getBytes());

      assertThat(answer.path("batchItemFailures")).isEmpty();
      assertThat(aws.requests("/findings/import")).hasSize(1);
      assertThat(store.applied()).hasSize(2).doesNotHaveDuplicates();
      assertThat(store.ignored()).isEmpty();
    }
  }

  @Test
  void anOlderConfigItemAfterANewerOneLeavesTheNewerState() throws Exception {
    Map<String, ObjectNode> newer;
    SecurityHubStore inOrder = new SecurityHubStore();
    try (AwsTestbed aws = new AwsTestbed(inOrder)) {
      aws.onEventBridge(ordering("config-eks-cluster.earlier"));
      Map<String, ObjectNode> older = inOrder.findings();
      aws.onEventBridge(AwsTestbed.sample("config-eks-cluster"));
      newer = inOrder.findings();
      // The two states differ (audit logs on, then off), or the test would prove nothing.
      assertThat(older.values())
          .extracting(IdempotencyAndOrderTest::status)
          .isNotEqualTo(newer.values().stream().map(IdempotencyAndOrderTest::status).toList());
    }
    SecurityHubStore outOfOrder = new SecurityHubStore();
    try (AwsTestbed aws = new AwsTestbed(outOfOrder)) {
      aws.onEventBridge(AwsTestbed.sample("config-eks-cluster"));
      aws.onEventBridge(ordering("config-eks-cluster.earlier"));

      assertThat(outOfOrder.findings()).isEqualTo(newer);
      assertThat(outOfOrder.ignored()).hasSize(newer.size());
    }
  }

  @Test
  void anOlderScanEventAfterANewerOneIsIgnoredThoughItReadsTheCurrentScan() throws Exception {
    SecurityHubStore store = new SecurityHubStore();
    try (AwsTestbed aws = new AwsTestbed(store)) {
      aws.onEventBridge(AwsTestbed.sample("ecr-image-scan"));
      Map<String, ObjectNode> newer = store.findings();
      aws.onEventBridge(ordering("ecr-image-scan.earlier"));

      assertThat(newer).isNotEmpty();
      assertThat(store.findings()).isEqualTo(newer);
      assertThat(store.ignored()).containsExactlyInAnyOrderElementsOf(newer.keySet());
      for (ObjectNode f : newer.values()) {
        assertThat(f.path("UpdatedAt").asText()).isEqualTo("2025-11-29T09:16:52.000Z");
      }
    }
  }

  @Test
  void aDeletionThenALateOlderUpsertDoesNotBringTheFindingsBack() throws Exception {
    SecurityHubStore store = new SecurityHubStore();
    try (AwsTestbed aws = new AwsTestbed(store)) {
      // Before its deletion, legacy-dev has no node group and no add-on (as analytics).
      aws.stub(
          get(urlPathEqualTo("/clusters/legacy-dev/node-groups"))
              .willReturn(AwsTestbed.json("eks/analytics.list-nodegroups.json")));
      aws.stub(
          get(urlPathEqualTo("/clusters/legacy-dev/addons"))
              .willReturn(AwsTestbed.json("eks/analytics.list-addons.json")));
      aws.onEventBridge(ordering("config-eks-cluster-legacy-dev"));
      assertThat(store.findings().values())
          .isNotEmpty()
          .allSatisfy(f -> assertThat(f.path("RecordState").asText()).isEqualTo("ACTIVE"));

      aws.onEventBridge(AwsTestbed.sample("config-eks-cluster-deleted"));
      Map<String, ObjectNode> archived = store.findings();
      assertThat(archived.values())
          .allSatisfy(
              f -> {
                assertThat(f.path("RecordState").asText()).isEqualTo("ARCHIVED");
                assertThat(f.path("UpdatedAt").asText()).isEqualTo("2025-11-29T10:02:33.000Z");
              });

      // Late: a Config item (carries its state) and a CloudTrail call (re-reads: the cluster is
      // gone, so it archives as of its own, older, time), both older than the deletion.
      aws.onEventBridge(ordering("config-eks-cluster-legacy-dev.late"));
      aws.onEventBridge(ordering("cloudtrail-eks-update-cluster-config-legacy-dev.late"));

      assertThat(store.findings()).isEqualTo(archived);
    }
  }
}
