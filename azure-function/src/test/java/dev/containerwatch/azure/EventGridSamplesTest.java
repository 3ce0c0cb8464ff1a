package dev.containerwatch.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.azure.handlers.Outcome;
import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.testing.Golden;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Event Grid sample through {@link EventGridFunction}, with ARM and Defender on WireMock: the
 * findings must equal {@code <name>.expected.json} and the Defender requests the golden file.
 */
class EventGridSamplesTest {
  private static FakeAzure azure;

  @BeforeAll
  static void start() {
    azure = new FakeAzure();
  }

  @AfterAll
  static void stop() {
    azure.close();
  }

  static Stream<Path> samples() {
    return Samples.in("eventgrid").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void producesTheExpectedFindingsAndAssessmentRequests(Path sample) throws Exception {
    azure.reset();
    AzureApp app = TestApps.app(azure, Samples.config(sample).orElse(null));
    TestContext context = new TestContext("containerwatch-eventgrid");

    Outcome outcome = new EventGridFunction(() -> app).handle(Samples.read(sample), context);

    assertThat(outcome.rejected()).as("rejected").isEmpty();
    assertThat(outcome.ignored()).as("ignored").isEmpty();
    assertThat(context.lines("processed")).hasSize(1);
    Golden.assertMatches(Samples.expected(sample), FindingJson.toJson(outcome.findings()));
    Path requests = Samples.requests(sample);
    Files.createDirectories(requests.getParent());
    Golden.assertMatches(requests, azure.writes());
  }
}
