package dev.containerwatch.azure.testing;

import dev.containerwatch.azure.AzureApp;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.RetryPolicy;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Apps wired to {@link FakeAzure} with fake tokens, a fixed clock and a recording sleeper. */
public final class TestApps {
  public static final String SUBSCRIPTION = "8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916";
  public static final String AKS =
      "/subscriptions/"
          + SUBSCRIPTION
          + "/resourcegroups/rg-payments-prod/providers/Microsoft.ContainerService/managedClusters/aks-shop-prod";
  public static final String DOCKERHUB_TOKEN = "dh-4c1f9e7a2b8d";
  public static final Instant NOW = Instant.parse("2026-11-29T15:00:00Z");

  private TestApps() {}

  public static Map<String, String> env(FakeAzure azure) {
    Map<String, String> env = new HashMap<>();
    env.put("CONTAINERWATCH_SUBSCRIPTIONS", SUBSCRIPTION);
    env.put("CONTAINERWATCH_ARM_ENDPOINT", azure.baseUrl());
    env.put("CONTAINERWATCH_ADMISSION_CLUSTERS", AKS);
    env.put("CONTAINERWATCH_DOCKERHUB_TOKEN", DOCKERHUB_TOKEN);
    env.put("CONTAINERWATCH_DOCKERHUB_SCOPE", "/subscriptions/" + SUBSCRIPTION);
    env.put("CONTAINERWATCH_SCAN_REPORTS", azure.baseUrl() + "/blob/scan-reports");
    return env;
  }

  public static AzureApp app(Map<String, String> env, RecordingSleeper sleeper) {
    return app(env, sleeper, List.of());
  }

  /** Retries of the apps under test: four attempts, from 200 ms, waits cut at 30 s. */
  public static final RetryPolicy RETRY_POLICY =
      new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(30));

  /** How long a request of an app under test waits for an answer: well under a slow answer. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofMillis(400);

  public static AzureApp app(
      Map<String, String> env, RecordingSleeper sleeper, List<FindingSink> extraSinks) {
    return AzureApp.create(
        env,
        new AzureApp.Overrides(
            HttpClient.newHttpClient(),
            () -> FakeAzure.ARM_TOKEN,
            () -> FakeAzure.STORAGE_TOKEN,
            Clock.fixed(NOW, ZoneOffset.UTC),
            RETRY_POLICY,
            sleeper,
            extraSinks,
            null,
            REQUEST_TIMEOUT));
  }

  public static AzureApp app(FakeAzure azure) {
    return app(env(azure), new RecordingSleeper());
  }

  public static AzureApp app(FakeAzure azure, String config) {
    Map<String, String> env = new HashMap<>(env(azure));
    if (config != null) {
      env.put("CONTAINERWATCH_CONFIG", config);
    }
    return app(env, new RecordingSleeper());
  }

  /** The app a sample runs on: with its {@code <name>.config.yaml}, if it has one. */
  public static AzureApp forSample(FakeAzure azure, Path sample) {
    return app(azure, Samples.config(sample).orElse(null));
  }
}
