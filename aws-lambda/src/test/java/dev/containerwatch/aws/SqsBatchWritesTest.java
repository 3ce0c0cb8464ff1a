package dev.containerwatch.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Security Hub writes of an SQS batch are imported together: a batch of ten EventBridge events
 * (clusters, repositories, images, one of another account and region; {@code
 * src/test/resources/batching/sqs-batch-10.json}) takes one {@code BatchImportFindings} request per
 * region where the ten events one by one take ten or more, with the same findings; and a finding
 * that finally fails reports exactly the records it came from in {@code batchItemFailures} (two
 * records about the same cluster share its findings).
 */
class SqsBatchWritesTest {
  static final Path BATCH = Path.of("src", "test", "resources", "batching", "sqs-batch-10.json");

  /** The record of another account, whose cluster is in us-east-1. */
  static final String OTHER_REGION = "0b7c5e2a-0009-4f1e-9d3c-000000000009";

  /** The records each finding Id came from. */
  static Map<String, java.util.Set<String>> ownersById(Map<String, List<String>> idsByRecord) {
    Map<String, java.util.Set<String>> out = new HashMap<>();
    idsByRecord.forEach(
        (record, ids) ->
            ids.forEach(id -> out.computeIfAbsent(id, k -> new java.util.TreeSet<>()).add(record)));
    return out;
  }

  static byte[] batch() throws Exception {
    return Files.readAllBytes(BATCH);
  }

  /** Each record's finding Ids, from the records handled one by one; the requests they took. */
  static int oneByOne(Map<String, List<String>> idsByRecord) throws Exception {
    int requests = 0;
    for (JsonNode record : AwsTestbed.JSON.readTree(batch()).path("Records")) {
      try (AwsTestbed aws = new AwsTestbed()) {
        aws.onEventBridge(record.path("body").asText().getBytes());
        requests += aws.requests("/findings/import").size();
        List<String> ids = new ArrayList<>(SecurityHubFaultsTest.acceptedIds(aws).keySet());
        idsByRecord.put(record.path("messageId").asText(), ids);
      }
    }
    return requests;
  }

  @Test
  void aBatchOfTenEventsTakesOneImportWithTheSameFindings() throws Exception {
    Map<String, List<String>> idsByRecord = new HashMap<>();
    int separately = oneByOne(idsByRecord);
    try (AwsTestbed aws = new AwsTestbed()) {
      JsonNode answer = aws.invoke(new SqsHandler(aws.function()), batch());

      assertThat(answer.path("batchItemFailures")).isEmpty();
      // One request for eu-west-1, one for the other account's us-east-1.
      assertThat(aws.requests("/findings/import")).hasSize(2);
      assertThat(separately).isGreaterThanOrEqualTo(10);
      Map<String, Integer> accepted = SecurityHubFaultsTest.acceptedIds(aws);
      assertThat(accepted).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
      assertThat(accepted.keySet())
          .containsExactlyInAnyOrderElementsOf(
              idsByRecord.values().stream().flatMap(List::stream).distinct().toList());
    }
  }

  @Test
  void aFindingRefusedForGoodFailsExactlyTheRecordsItCameFrom() throws Exception {
    Map<String, List<String>> idsByRecord = new HashMap<>();
    oneByOne(idsByRecord);
    String refused = SecurityHubDeliveryTest.arcIdOf(null);
    List<String> owners = List.copyOf(ownersById(idsByRecord).get(refused));
    assertThat(owners).as("two records are about orders-prod").hasSize(2);
    try (AwsTestbed aws = new AwsTestbed()) {
      aws.override(
          AwsTestbed.securityHubImport().withRequestBody(containing(refused)),
          SecurityHubDeliveryTest.failedArcFinding(null, "InvalidInput", "Finding is invalid"));

      JsonNode answer = aws.invoke(new SqsHandler(aws.function()), batch());

      assertThat(answer.path("batchItemFailures"))
          .extracting(f -> f.path("itemIdentifier").asText())
          .containsExactlyElementsOf(owners);
      assertThat(aws.requests("/findings/import")).hasSize(2);
      assertThat(aws.logLines)
          .anySatisfy(
              l ->
                  assertThat(l)
                      .contains("\"level\":\"ERROR\"")
                      .contains(owners.get(0))
                      .contains("Configuration Item Change"));
    }
  }

  @Test
  void aRequestThatFailsAsAWholeIsSentAgainPerRecord() throws Exception {
    Map<String, List<String>> idsByRecord = new HashMap<>();
    oneByOne(idsByRecord);
    String poisoned = SecurityHubDeliveryTest.arcIdOf(null);
    List<String> owners = List.copyOf(ownersById(idsByRecord).get(poisoned));
    try (AwsTestbed aws = new AwsTestbed()) {
      // A request holding that finding is refused as a whole, as an invalid finding makes it.
      aws.override(
          AwsTestbed.securityHubImport().withRequestBody(containing(poisoned)),
          aResponse()
              .withStatus(400)
              .withHeader("x-amzn-ErrorType", "InvalidInputException")
              .withBody("{\"Message\":\"Invalid finding\"}"));

      JsonNode answer = aws.invoke(new SqsHandler(aws.function()), batch());

      assertThat(answer.path("batchItemFailures"))
          .extracting(f -> f.path("itemIdentifier").asText())
          .containsExactlyElementsOf(owners);
      // us-east-1's request; eu-west-1's shared request, refused; then one per group of records
      // sharing findings (the refused group's included).
      Map<String, List<String>> euWest = new HashMap<>(idsByRecord);
      euWest.remove(OTHER_REGION);
      long groups = ownersById(euWest).values().stream().distinct().count();
      assertThat(aws.requests("/findings/import")).hasSize(2 + (int) groups);
      Map<String, Integer> accepted = SecurityHubFaultsTest.acceptedIds(aws);
      assertThat(accepted).allSatisfy((id, n) -> assertThat(n).isEqualTo(1));
      assertThat(accepted).doesNotContainKey(poisoned);
      idsByRecord.forEach(
          (record, ids) -> {
            if (!owners.contains(record)) {
              assertThat(accepted.keySet()).containsAll(ids);
            }
          });
    }
  }
}
