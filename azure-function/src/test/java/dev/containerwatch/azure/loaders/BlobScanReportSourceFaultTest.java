package dev.containerwatch.azure.loaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.FaultScenario;
import dev.containerwatch.azure.testing.FaultStep;
import dev.containerwatch.azure.testing.RecordingSleeper;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.vulnerabilities.ImageRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Fault injection into the Blob {@code Get Blob} of a Docker Hub image's scan report. */
class BlobScanReportSourceFaultTest {
  @RegisterExtension static final FakeAzure azure = new FakeAzure();
  private static final RetryPolicy POLICY =
      new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10));
  private static final String BLOB = "/blob/scan-reports/docker.io/acmecorp/storefront/4.2.0.json";
  private static final ImageRef STOREFRONT = ImageRef.parse("docker.io/acmecorp/storefront:4.2.0");

  private RecordingSleeper sleeper;
  private BlobScanReportSource source;

  @BeforeEach
  void setUp() {
    sleeper = new RecordingSleeper();
    source =
        new BlobScanReportSource(
            URI.create(azure.baseUrl() + "/blob/scan-reports"),
            () -> FakeAzure.STORAGE_TOKEN,
            HttpClient.newHttpClient(),
            POLICY,
            sleeper,
            Duration.ofMillis(400));
  }

  static Stream<FaultScenario> scenarios() {
    List<FaultScenario> rows = new ArrayList<>(FaultScenario.transientAndLasting(POLICY));
    rows.add(
        FaultScenario.notRetried("403 AuthorizationPermissionMismatch", FaultStep.status(403)));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("scenarios")
  void getBlob(FaultScenario scenario) {
    scenario.check(
        azure,
        "GET",
        Pattern.quote(BLOB),
        POLICY,
        sleeper,
        () -> assertThat(source.find(STOREFRONT)).isPresent());
  }

  @Test
  void aGarbledReportIsRefusedWithOneLineAndNotRetried() {
    azure.inject("GET", Pattern.quote(BLOB), List.of(FaultStep.garbled()), true);

    assertThatThrownBy(() -> source.find(STOREFRONT))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("scan report docker.io/acmecorp/storefront/4.2.0.json: not valid JSON");
    assertThat(azure.served("GET", Pattern.quote(BLOB)).received()).isEqualTo(1);
    assertThat(sleeper.waits()).isEmpty();
  }
}
