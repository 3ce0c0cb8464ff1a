package dev.containerwatch.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.findings.Finding;
import dev.containerwatch.gcp.loaders.LazyHttpClient;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An event that carries its resource is handled without building the HTTP client (its TLS set-up is
 * a good part of a cold start); the client is made, once, by the first request.
 */
class LazyStartTest {

  @Test
  void aFeedMessageIsHandledWithoutMakingTheHttpClient() throws Exception {
    LazyHttpClient http = (LazyHttpClient) GcpRuntime.httpClient();
    List<Finding> written = new ArrayList<>();
    FindingSink collector =
        new FindingSink() {
          @Override
          public void write(List<Finding> findings) {
            written.addAll(findings);
          }

          @Override
          public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {}

          @Override
          public String name() {
            return "collector";
          }
        };
    GcpRuntime runtime =
        new GcpRuntime(
            Map.of(GcpSettings.CREDENTIALS, "none"),
            http,
            RetryPolicy.defaults(),
            Retry.Sleeper.REAL,
            Clock.systemUTC(),
            new Log(line -> {}),
            (env, client) -> collector);
    ColdStart.SampleEvent event =
        new ColdStart.SampleEvent(
            FakeGoogle.readFile(FakeGoogle.SAMPLES.resolve("asset-cluster-misconfigured.json")));
    new PubSubFunction(runtime::pubSub).accept(event);

    assertThat(written).hasSize(12);
    assertThat(http.made()).isFalse();
  }

  @Test
  void theClientIsMadeOnceOnFirstUse() {
    int[] made = {0};
    LazyHttpClient http =
        new LazyHttpClient(
            () -> {
              made[0]++;
              return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            });
    assertThat(made[0]).isZero();
    assertThat(http.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(http.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    assertThat(made[0]).isEqualTo(1);
    assertThat(http.made()).isTrue();
  }
}
