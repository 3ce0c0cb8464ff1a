package dev.containerwatch.aws.events;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.testing.Fuzzing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Timeout;

/**
 * CloudWatch Logs subscription events. Two targets: the envelope as Lambda delivers it ({@code
 * awslogs.data} base64 of gzip, mutated as it is), and the payload inside, which the test gzips and
 * encodes so that mutations reach the log events and the audit events in their messages. Either is
 * made into work or refused with one clear line.
 */
class CloudWatchLogsEventsFuzzTest {
  @Timeout(10)
  @FuzzTest
  void envelope(byte[] data) {
    JsonNode event = Fuzzing.json(data);
    Fuzzing.parser(() -> check(CloudWatchLogsEvents.parse(event, "eu-west-1")));
  }

  @Timeout(10)
  @FuzzTest
  void payload(byte[] data) {
    ObjectNode event = JsonNodeFactory.instance.objectNode();
    event.putObject("awslogs").put("data", Base64.getEncoder().encodeToString(gzip(data)));
    Fuzzing.parser(() -> check(CloudWatchLogsEvents.parse(event, "eu-west-1")));
  }

  private static void check(AwsWork work) {
    if (work instanceof AwsWork.KubernetesObjects) {
      for (AwsWork.KubernetesChange c : ((AwsWork.KubernetesObjects) work).objects()) {
        if ((c.object() == null) == (c.deletedId() == null)) {
          throw new AssertionError("a change is either an object or a deletion: " + c);
        }
      }
    } else if (!(work instanceof AwsWork.Ignore)) {
      throw new AssertionError("unexpected work " + work);
    }
  }

  static byte[] gzip(byte[] data) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
