package dev.containerwatch.azure;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.azure.handlers.AdmissionHandler;
import dev.containerwatch.azure.handlers.AuditLogHandler;
import dev.containerwatch.azure.handlers.DockerHubHandler;
import dev.containerwatch.azure.handlers.EventGridHandler;
import dev.containerwatch.azure.handlers.SweepHandler;
import dev.containerwatch.azure.loaders.ArmClient;
import dev.containerwatch.azure.loaders.ArmInventory;
import dev.containerwatch.azure.loaders.ArmResourceLoader;
import dev.containerwatch.azure.loaders.ArmRestClient;
import dev.containerwatch.azure.loaders.BlobScanReportSource;
import dev.containerwatch.azure.loaders.DefenderImageReports;
import dev.containerwatch.azure.loaders.DirectoryScanReportSource;
import dev.containerwatch.azure.loaders.RegistryDirectory;
import dev.containerwatch.azure.loaders.TokenSource;
import dev.containerwatch.azure.loaders.TokenSources;
import dev.containerwatch.azure.sinks.AssessmentScopes;
import dev.containerwatch.azure.sinks.DefenderAssessmentSink;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.pipeline.Lazy;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.vulnerabilities.ScanReportSource;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubWebhook;
import dev.containerwatch.webhook.WebhookSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the functions share, built once per container: settings, catalog, configuration and
 * rule engine at start (a bad setting or configuration fails every invocation with the message
 * naming it), and the HTTP client, credential, ARM client and sinks on first use, so that an
 * invocation that needs no API call never pays for them.
 *
 * <p>Tests and the command line build their own with {@link #create(Map, Overrides)}.
 */
public final class AzureApp {
  private static final Lazy<AzureApp> INSTANCE =
      new Lazy<>(() -> create(System.getenv(), Overrides.none()));

  /**
   * What a test or a local run replaces; null fields take the deployed defaults.
   *
   * @param http the HTTP client (ARM, Blob storage, webhook)
   * @param armTokens tokens for ARM
   * @param storageTokens tokens for Blob storage
   * @param clock the time of processing
   * @param retryPolicy retries of ARM, Blob and webhook calls
   * @param sleeper waits between retries
   * @param extraSinks sinks added after the configured ones (the command line's collecting sink)
   * @param arm the ARM client (a {@code FileArmClient} to replay from files)
   * @param requestTimeout how long one ARM or Blob request waits for its answer (tests of timeouts)
   */
  public record Overrides(
      HttpClient http,
      TokenSource armTokens,
      TokenSource storageTokens,
      Clock clock,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper,
      List<FindingSink> extraSinks,
      ArmClient arm,
      Duration requestTimeout) {
    public Overrides(
        HttpClient http,
        TokenSource armTokens,
        TokenSource storageTokens,
        Clock clock,
        RetryPolicy retryPolicy,
        Retry.Sleeper sleeper,
        List<FindingSink> extraSinks,
        ArmClient arm) {
      this(http, armTokens, storageTokens, clock, retryPolicy, sleeper, extraSinks, arm, null);
    }

    public static Overrides none() {
      return new Overrides(null, null, null, null, null, null, List.of(), null);
    }
  }

  private final Settings settings;
  private final Catalog catalog;
  private final Configuration configuration;
  private final RuleEngine engine;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final Retry.Sleeper sleeper;
  private final Duration requestTimeout;
  private final RegistryDirectory registries = new RegistryDirectory();
  private final Lazy<HttpClient> http;
  private final Lazy<ArmClient> arm;
  private final Lazy<TokenSource> storageTokens;
  private final Lazy<Optional<DefenderAssessmentSink>> defender;
  private final Lazy<FindingsPipeline> pipeline;
  private final Lazy<EventGridHandler> eventGrid;
  private final Lazy<AuditLogHandler> auditLog;
  private final Lazy<AdmissionHandler> admission;
  private final Lazy<DockerHubHandler> dockerHub;
  private final Lazy<SweepHandler> sweep;

  /** The container's app, from the process environment. */
  public static AzureApp get() {
    return INSTANCE.get();
  }

  public static AzureApp create(Map<String, String> env, Overrides overrides) {
    return new AzureApp(env, overrides);
  }

  private AzureApp(Map<String, String> env, Overrides o) {
    this.settings = Settings.fromEnvironment(env);
    this.catalog = Catalog.bundled();
    List<Rule> rules = Rules.all();
    this.configuration = new ConfigurationLoader(catalog, rules).fromEnvironment(env);
    this.engine = new RuleEngine(rules, configuration);
    this.clock = o.clock() != null ? o.clock() : Clock.systemUTC();
    this.retryPolicy = o.retryPolicy() != null ? o.retryPolicy() : RetryPolicy.defaults();
    this.sleeper = o.sleeper() != null ? o.sleeper() : Retry.Sleeper.REAL;
    this.requestTimeout = o.requestTimeout() != null ? o.requestTimeout() : Duration.ofSeconds(30);
    this.http =
        new Lazy<>(
            () ->
                o.http() != null
                    ? o.http()
                    : HttpClient.newBuilder()
                        .connectTimeout(Duration.ofSeconds(10))
                        .followRedirects(HttpClient.Redirect.NEVER)
                        .build());
    // The managed identity's endpoint over the JDK client in Azure; the Azure CLI's token
    // elsewhere.
    Lazy<TokenSource> armTokens =
        new Lazy<>(
            () ->
                o.armTokens() != null
                    ? o.armTokens()
                    : TokenSources.forScope(
                        env, settings.armScope(), http.get(), clock, retryPolicy, sleeper));
    this.storageTokens =
        new Lazy<>(
            () ->
                o.storageTokens() != null
                    ? o.storageTokens()
                    : TokenSources.forScope(
                        env, BlobScanReportSource.SCOPE, http.get(), clock, retryPolicy, sleeper));
    this.arm =
        new Lazy<>(
            () ->
                o.arm() != null
                    ? o.arm()
                    : new ArmRestClient(
                        settings.armEndpoint(),
                        () -> armTokens.get().bearerToken(),
                        http.get(),
                        retryPolicy,
                        sleeper,
                        requestTimeout));
    ArmClient lazyArm = new LazyArmClient(arm);
    this.defender =
        new Lazy<>(
            () ->
                settings.defenderAssessments()
                    ? Optional.of(
                        new DefenderAssessmentSink(
                            lazyArm,
                            catalog,
                            new AssessmentScopes(registries, settings.dockerHubScope()),
                            engine::ruleIdsFor))
                    : Optional.empty());
    this.pipeline =
        new Lazy<>(
            () -> {
              List<FindingSink> sinks = new ArrayList<>();
              defender.get().ifPresent(sinks::add);
              // The HTTP client (TLS set-up) only when a webhook is configured: an event that
              // needs no call never makes it.
              String webhookUrl = env.get(WebhookSink.ENV_URL);
              WebhookSink webhook =
                  webhookUrl == null || webhookUrl.isBlank()
                      ? null
                      : WebhookSink.fromEnvironment(env, http.get());
              if (webhook != null) {
                sinks.add(webhook);
              }
              if (o.extraSinks() != null) {
                sinks.addAll(o.extraSinks());
              }
              return new FindingsPipeline(engine, catalog, sinks);
            });
    ArmResourceLoader loader = new ArmResourceLoader(lazyArm);
    this.eventGrid =
        new Lazy<>(
            () ->
                new EventGridHandler(
                    loader, new DefenderImageReports(lazyArm), registries, pipeline.get(), clock));
    this.auditLog = new Lazy<>(() -> new AuditLogHandler(pipeline.get(), clock));
    this.admission =
        new Lazy<>(
            () ->
                new AdmissionHandler(
                    pipeline.get(),
                    configuration,
                    settings.admissionClusters(),
                    settings.admissionRecord(),
                    clock));
    this.dockerHub =
        new Lazy<>(
            () ->
                new DockerHubHandler(
                    new DockerHubWebhook(settings.dockerHubToken()),
                    scanReports(),
                    pipeline.get(),
                    clock));
    this.sweep =
        new Lazy<>(
            () ->
                new SweepHandler(
                    settings.subscriptions(),
                    new ArmInventory(lazyArm),
                    loader,
                    registries,
                    pipeline.get(),
                    defender.get(),
                    clock));
  }

  /** The configured report source of Docker Hub images, or one that never has a report. */
  private ScanReportSource scanReports() {
    String where = settings.scanReports();
    if (where == null) {
      return image -> Optional.empty();
    }
    if (where.startsWith("https://") || where.startsWith("http://")) {
      return new BlobScanReportSource(
          URI.create(where),
          () -> storageTokens.get().bearerToken(),
          http.get(),
          retryPolicy,
          sleeper,
          requestTimeout);
    }
    return new DirectoryScanReportSource(Path.of(where));
  }

  public Settings settings() {
    return settings;
  }

  public Configuration configuration() {
    return configuration;
  }

  public RuleEngine engine() {
    return engine;
  }

  public RegistryDirectory registries() {
    return registries;
  }

  /** The rule engine and the sinks (Defender, then the webhook when configured). */
  public FindingsPipeline pipeline() {
    return pipeline.get();
  }

  public EventGridHandler eventGrid() {
    return eventGrid.get();
  }

  /** Whether the HTTP client was made (tests: an event that needs no call never makes it). */
  boolean httpClientMade() {
    return http.isBuilt();
  }

  public AuditLogHandler auditLog() {
    return auditLog.get();
  }

  public AdmissionHandler admission() {
    return admission.get();
  }

  public DockerHubHandler dockerHub() {
    return dockerHub.get();
  }

  public SweepHandler sweep() {
    return sweep.get();
  }

  /** An ARM client built on its first call. */
  private static final class LazyArmClient implements ArmClient {
    private final Lazy<ArmClient> delegate;

    LazyArmClient(Lazy<ArmClient> delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<JsonNode> get(String path, String apiVersion) {
      return delegate.get().get(path, apiVersion);
    }

    @Override
    public List<JsonNode> list(String path, String apiVersion) {
      return delegate.get().list(path, apiVersion);
    }

    @Override
    public JsonNode put(String path, String apiVersion, JsonNode body) {
      return delegate.get().put(path, apiVersion, body);
    }

    @Override
    public boolean delete(String path, String apiVersion) {
      return delegate.get().delete(path, apiVersion);
    }

    @Override
    public JsonNode post(String path, String apiVersion, JsonNode body) {
      return delegate.get().post(path, apiVersion, body);
    }
  }
}
