package dev.containerwatch.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.azure.handlers.Outcome;
import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every Event Grid sample through {@link EventGridFunction}, with ARM and Defender on WireMock: the
 * findings must equal {@code <name>.expected.json} and the Defender requests the golden file.
 */
class EventGridSamplesTest {
  @RegisterExtension static final FakeAzure azure = new FakeAzure();

  static Stream<Path> samples() {
    return Samples.in("eventgrid").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void producesTheExpectedFindingsAndAssessmentRequests(Path sample) throws Exception {
    AzureApp app = TestApps.forSample(azure, sample);
    TestContext context = new TestContext("containerwatch-eventgrid");

    Outcome outcome = new EventGridFunction(() -> app).handle(Samples.read(sample), context);

    assertThat(outcome.rejected()).as("rejected").isEmpty();
    assertThat(outcome.ignored()).as("ignored").isEmpty();
    assertThat(context.lines("processed")).hasSize(1);
    Samples.assertGolden(sample, outcome.findings(), azure);
  }
}
