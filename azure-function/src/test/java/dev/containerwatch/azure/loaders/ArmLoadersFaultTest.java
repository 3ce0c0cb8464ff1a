package dev.containerwatch.azure.loaders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.FaultScenario;
import dev.containerwatch.azure.testing.FaultStep;
import dev.containerwatch.azure.testing.RecordingSleeper;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import dev.containerwatch.vulnerabilities.ImageRef;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault injection into every ARM read the loaders make, through the real {@link ArmRestClient}
 * against WireMock: the resource GET, an evidence list, and the Resource Graph query of an image's
 * Defender findings. Each scenario of {@link FaultScenario#transientAndLasting} plus the target's
 * own (a 403, a garbled 200) is one row.
 */
class ArmLoadersFaultTest {
  @RegisterExtension static final FakeAzure azure = new FakeAzure();
  private static final RetryPolicy POLICY =
      new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10));
  private static final Instant AT = TestApps.NOW;
  private static final ResourceRef AKS =
      new ResourceRef(
          ResourceType.AKS_CLUSTER, TestApps.AKS, TestApps.SUBSCRIPTION, null, "aks-shop-prod");
  private static final String REGISTRY =
      "/subscriptions/"
          + TestApps.SUBSCRIPTION
          + "/resourceGroups/rg-registries/providers/Microsoft.ContainerRegistry/registries/shopbuild";
  private static final ImageRef LEDGER =
      ImageRef.parse(
          "shopbuild.azurecr.io/payments/ledger:3.8.0@sha256:91e1282d1e6751de96ce4edfa0b7d4ebbc0dc152e82643c0a71f7d5dc05ae7bf");

  private RecordingSleeper sleeper;
  private ArmClient arm;

  @BeforeEach
  void setUp() {
    sleeper = new RecordingSleeper();
    arm = client(sleeper);
  }

  private static ArmClient client(RecordingSleeper sleeper) {
    return new ArmRestClient(
        URI.create(azure.baseUrl()),
        () -> FakeAzure.ARM_TOKEN,
        HttpClient.newHttpClient(),
        POLICY,
        sleeper,
        Duration.ofMillis(400));
  }

  static Stream<FaultScenario> resourceReads() {
    List<FaultScenario> rows = new ArrayList<>(FaultScenario.transientAndLasting(POLICY));
    rows.add(FaultScenario.notRetried("403 AuthorizationFailed", FaultStep.status(403)));
    rows.add(FaultScenario.notRetried("garbled 200 body", FaultStep.garbled()));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resourceReads")
  void resourceGet(FaultScenario scenario) {
    ArmResourceLoader loader = new ArmResourceLoader(arm);

    scenario.check(
        azure,
        "GET",
        "(?i)" + Pattern.quote(TestApps.AKS),
        POLICY,
        sleeper,
        () -> assertThat(loader.load(AKS, AT)).isPresent());
  }

  static Stream<FaultScenario> evidenceReads() {
    List<FaultScenario> rows = new ArrayList<>(FaultScenario.transientAndLasting(POLICY));
    // A list the identity may not read is left out (its rules answer UNKNOWN), not retried.
    rows.add(FaultScenario.harmless("403 AuthorizationFailed", FaultStep.status(403)));
    rows.add(FaultScenario.notRetried("garbled 200 body", FaultStep.garbled()));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("evidenceReads")
  void evidenceList(FaultScenario scenario) {
    ArmResourceLoader loader = new ArmResourceLoader(arm);
    List<Loaded> loaded = new ArrayList<>();

    scenario.check(
        azure,
        "GET",
        "(?i)" + Pattern.quote(TestApps.AKS + "/providers/Microsoft.Insights/diagnosticSettings"),
        POLICY,
        sleeper,
        () -> loaded.add(loader.load(AKS, AT).orElseThrow()));

    if (scenario.succeeds()) {
      boolean forbidden = scenario.steps().get(0).status() == 403;
      assertThat(loaded.get(0).snapshot().evidence(Evidence.DIAGNOSTIC_SETTINGS).isPresent())
          .as("diagnostic settings read")
          .isEqualTo(!forbidden);
      assertThat(loaded.get(0).warnings()).hasSize(forbidden ? 1 : 0);
    }
  }

  static Stream<FaultScenario> resourceGraphQueries() {
    List<FaultScenario> rows = new ArrayList<>(FaultScenario.transientAndLasting(POLICY));
    rows.add(FaultScenario.notRetried("400 BadRequest", FaultStep.status(400)));
    rows.add(FaultScenario.notRetried("garbled 200 body", FaultStep.garbled()));
    return rows.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("resourceGraphQueries")
  void resourceGraph(FaultScenario scenario) {
    DefenderImageReports reports = new DefenderImageReports(arm);

    scenario.check(
        azure,
        "POST",
        Pattern.quote("/providers/Microsoft.ResourceGraph/resources"),
        POLICY,
        sleeper,
        () -> assertThat(reports.find(LEDGER, REGISTRY)).isPresent());
  }

  @Test
  void waitsWithoutRetryAfterAreJitteredNotFixed() {
    Set<Duration> firstWaits = new HashSet<>();
    for (int run = 0; run < 5; run++) {
      azure.reset();
      RecordingSleeper s = new RecordingSleeper();
      azure.inject(
          "GET", "(?i)" + Pattern.quote(TestApps.AKS), List.of(FaultStep.status(503)), true);
      ArmResourceLoader loader = new ArmResourceLoader(client(s));
      try {
        loader.load(AKS, AT);
      } catch (SinkException expected) {
        // lasting 503: every attempt spent
      }
      assertThat(s.waits()).hasSize(POLICY.maxAttempts() - 1);
      firstWaits.add(s.waits().get(0));
    }
    // Five draws between 0 and 200 ms all equal would mean no jitter (chance 1 in 201^4).
    assertThat(firstWaits).hasSizeGreaterThan(1);
  }
}
