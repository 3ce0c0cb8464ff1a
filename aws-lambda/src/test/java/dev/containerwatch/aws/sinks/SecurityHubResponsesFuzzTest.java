package dev.containerwatch.aws.sinks;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import dev.containerwatch.testing.Fuzzing;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Timeout;

/**
 * What the sink reads of Security Hub's answers: a {@code BatchImportFindings} response ({@code
 * FailedFindings} retried or reported) and {@code GetFindings} pages (the findings to archive, the
 * resources of a sweep, {@code NextToken}). Whatever a response holds, the sink returns or fails
 * the write with a {@link SinkException}, after a bounded number of calls: nothing else escapes and
 * no answer makes it loop.
 */
class SecurityHubResponsesFuzzTest {
  static final int MAX_CALLS = 1000;

  @Timeout(10)
  @FuzzTest
  void importResponse(byte[] data) {
    JsonNode response = Fuzzing.json(data);
    if (response == null) {
      return;
    }
    Answering api = new Answering(response);
    SecurityHubSink sink = sink(api);
    List<Finding> findings =
        List.of(
            SecurityHubSinkTest.clusterFinding(1),
            SecurityHubSinkTest.clusterFinding(2),
            SecurityHubSinkTest.clusterFinding(3));
    try {
      sink.write(findings, null);
    } catch (SinkException e) {
      // the write failed: the invocation fails and the event is retried
    }
  }

  @Timeout(10)
  @FuzzTest
  void getFindingsResponse(byte[] data) {
    JsonNode response = Fuzzing.json(data);
    if (response == null) {
      return;
    }
    Answering api = new Answering(response);
    SecurityHubSink sink = sink(api);
    try {
      sink.archive(SecurityHubSinkTest.clusterFinding(1).resource(), SecurityHubSinkTest.TIME);
    } catch (SinkException e) {
      // refused: the deletion is retried
    }
    try {
      sink.activeResources(new AwsScope("418273645091", "eu-west-1"), null);
    } catch (SinkException e) {
      // refused: the sweep is retried
    }
  }

  static SecurityHubSink sink(SecurityHubApi api) {
    return new SecurityHubSink(
        api,
        () -> "418273645091",
        "2026.11.1",
        "eu-west-1",
        new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1)),
        d -> {});
  }

  /** Gives the same answer to every call, and counts them. */
  static final class Answering implements SecurityHubApi {
    private final JsonNode answer;
    private int calls;

    Answering(JsonNode answer) {
      this.answer = answer;
    }

    @Override
    public JsonNode batchImportFindings(String region, ArrayNode findings) {
      return count();
    }

    @Override
    public JsonNode getFindings(String region, ObjectNode request) {
      return count();
    }

    private JsonNode count() {
      if (++calls > MAX_CALLS) {
        throw new AssertionError("more than " + MAX_CALLS + " calls for one write");
      }
      return answer.deepCopy();
    }
  }
}
