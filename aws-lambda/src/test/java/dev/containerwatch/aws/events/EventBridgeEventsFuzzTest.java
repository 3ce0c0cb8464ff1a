package dev.containerwatch.aws.events;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.testing.Fuzzing;
import org.junit.jupiter.api.Timeout;

/**
 * EventBridge events: the envelope ({@link EventEnvelope}) and every detail family the function
 * reads (ECR Image Action and Scan, Inspector2 Finding and Scan, Config item changes including the
 * oversized and deleted ones, CloudTrail calls of EKS and ECR, scheduled events). Any JSON is made
 * into work or refused with one clear line. Seeded with every EventBridge sample of {@code
 * events-samples/aws/}, the rejected ones included.
 */
class EventBridgeEventsFuzzTest {
  @Timeout(10)
  @FuzzTest
  void parse(byte[] data) {
    JsonNode event = Fuzzing.json(data);
    Fuzzing.parser(
        () -> {
          AwsWork work = EventBridgeEvents.parse(event);
          if (work == null) {
            throw new AssertionError("no work and no refusal");
          }
          if (!(work instanceof AwsWork.Ignore) && work.change() == null) {
            throw new AssertionError("work without a change: " + work);
          }
        });
  }
}
