package dev.containerwatch.aws.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.testing.ClassLoading;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The cold-start benchmark's local function gives the sample's findings, without any call. */
class ColdStartTest {
  private static final Path SAMPLES = Path.of("..", "events-samples", "aws");

  @Test
  void theCarriedEventGivesTheSamplesFindingsOnTheStandardOutputSink() throws Exception {
    ColdStart.StdoutSink sink = new ColdStart.StdoutSink();
    var function =
        ColdStart.local(
            Map.of("AWS_REGION", "eu-west-1", "CONTAINERWATCH_ACCOUNT_ID", "418273645091"), sink);
    byte[] event = Files.readAllBytes(SAMPLES.resolve("cloudwatch-logs-eks-audit.json"));

    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
      ColdStart.handlerFor(event, function)
          .handleRequest(new ByteArrayInputStream(event), new ByteArrayOutputStream(), null);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }

    int expected =
        new ObjectMapper()
            .readTree(SAMPLES.resolve("cloudwatch-logs-eks-audit.expected.json").toFile())
            .size();
    assertThat(sink.count).hasValue(expected);
    assertThat(printed.toString(StandardCharsets.UTF_8).lines()).hasSize(expected);
  }

  /**
   * Building the first {@code ObjectMapper} of a JVM costs about 120 ms, a third of the cold path:
   * the handlers read and write JSON without one ({@code Json}). A fresh JVM handles the carried
   * event and its class loading log must not name the class.
   */
  @Test
  void theColdPathBuildsNoObjectMapper() throws Exception {
    String log =
        ClassLoading.log(
            ColdStart.class,
            Map.of("AWS_REGION", "eu-west-1", "CONTAINERWATCH_ACCOUNT_ID", "418273645091"),
            "local",
            SAMPLES.resolve("cloudwatch-logs-eks-audit.json").toString());

    assertThat(log).contains("dev.containerwatch.findings.FindingJson");
    assertThat(log).doesNotContain("com.fasterxml.jackson.databind.ObjectMapper ");
  }
}
