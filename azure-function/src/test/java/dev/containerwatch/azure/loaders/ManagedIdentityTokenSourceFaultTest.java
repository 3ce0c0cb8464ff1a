package dev.containerwatch.azure.loaders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.FaultScenario;
import dev.containerwatch.azure.testing.FaultStep;
import dev.containerwatch.azure.testing.RecordingSleeper;
import dev.containerwatch.pipeline.RetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fault injection into the managed identity's App Service token endpoint. */
class ManagedIdentityTokenSourceFaultTest {
  @RegisterExtension static final FakeAzure azure = new FakeAzure();
  private static final RetryPolicy POLICY =
      new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10));

  static Stream<FaultScenario> scenarios() {
    List<FaultScenario> rows = new ArrayList<>(FaultScenario.transientAndLasting(POLICY));
    rows.add(FaultScenario.notRetried("400 invalid_request", FaultStep.status(400)));
    rows.add(FaultScenario.notRetried("garbled 200 body", FaultStep.garbled()));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void appServiceToken(FaultScenario scenario) {
    ManagedIdentityTokenSourceTest.stubAppService(azure.server(), "app-service-token.json");
    RecordingSleeper sleeper = new RecordingSleeper();
    TokenSource tokens =
        new ManagedIdentityTokenSource(
            ManagedIdentityTokenSource.Protocol.APP_SERVICE,
            URI.create(azure.baseUrl() + "/msi/token"),
            ManagedIdentityTokenSourceTest.SECRET_HEADER,
            "https://management.azure.com/.default",
            null,
            HttpClient.newHttpClient(),
            new ManagedIdentityTokenSourceTest.MovingClock(),
            POLICY,
            sleeper,
            Duration.ofMillis(400));

    scenario.check(
        azure,
        "GET",
        "/msi/token",
        POLICY,
        sleeper,
        () -> assertThat(tokens.bearerToken()).isEqualTo(ManagedIdentityTokenSourceTest.ARM_TOKEN));
  }
}
