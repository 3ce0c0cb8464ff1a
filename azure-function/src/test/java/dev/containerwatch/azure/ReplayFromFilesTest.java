package dev.containerwatch.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.azure.handlers.Outcome;
import dev.containerwatch.azure.loaders.FileArmClient;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.pipeline.RetryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same samples replayed with the file-backed ARM client (what the command line's replay uses)
 * give the same findings and the same Defender requests as against the HTTP endpoint.
 */
class ReplayFromFilesTest {

  static Stream<Path> samples() {
    return Samples.in("eventgrid").stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void replayingFromFilesMatchesTheGoldens(Path sample) throws Exception {
    FileArmClient arm = new FileArmClient(Samples.RESOURCES.resolve("arm-routes.json"));
    Map<String, String> env = new HashMap<>();
    env.put("CONTAINERWATCH_SUBSCRIPTIONS", TestApps.SUBSCRIPTION);
    AzureApp app =
        AzureApp.create(
            env,
            new AzureApp.Overrides(
                null,
                null,
                null,
                Clock.fixed(TestApps.NOW, ZoneOffset.UTC),
                RetryPolicy.defaults(),
                d -> {},
                List.of(),
                arm));

    Outcome outcome =
        new EventGridFunction(() -> app).handle(Samples.read(sample), new TestContext("replay"));

    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(FindingJson.toJson(outcome.findings()))
        .isEqualTo(json.readTree(Samples.expected(sample).toFile()));
    assertThat(arm.writes()).isEqualTo(json.readTree(Samples.requests(sample).toFile()));
  }
}
