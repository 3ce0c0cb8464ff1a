package dev.containerwatch.gcp;

import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.catalog.Recommendation;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.gcp.loaders.AccessTokens;
import dev.containerwatch.gcp.loaders.ContainerAnalysisLoader;
import dev.containerwatch.gcp.loaders.DirectoryScanReportSource;
import dev.containerwatch.gcp.loaders.GcpClients;
import dev.containerwatch.gcp.loaders.GcsScanReportSource;
import dev.containerwatch.gcp.loaders.GkeClusterLoader;
import dev.containerwatch.gcp.loaders.GoogleRest;
import dev.containerwatch.gcp.loaders.LazyHttpClient;
import dev.containerwatch.gcp.sinks.SccSink;
import dev.containerwatch.model.Cloud;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.pipeline.Lazy;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.vulnerabilities.ScanReportSource;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubWebhook;
import dev.containerwatch.webhook.WebhookSink;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Everything a function instance needs, built once from the environment: configuration, rule
 * engine, sinks, loaders (whose API clients are built on first use only), and the two handlers.
 */
public final class GcpRuntime implements AutoCloseable {
  /** The resource types the GCP functions evaluate. */
  static final Set<ResourceType> TYPES =
      EnumSet.of(ResourceType.GKE_CLUSTER, ResourceType.KUBERNETES_OBJECT, ResourceType.IMAGE_SCAN);

  /** The clouds whose recommendations they report. */
  static final Set<Cloud> CLOUDS = EnumSet.of(Cloud.GCP, Cloud.KUBERNETES, Cloud.EXTERNAL);

  private final GcpSettings settings;
  private final Configuration configuration;
  private final FindingsPipeline pipeline;
  private final GcpClients clients;
  private final GoogleRest rest;
  private final Log log;
  private final Clock clock;
  private final RetryPolicy retryPolicy;
  private final Retry.Sleeper sleeper;
  private final Lazy<PubSubHandler> pubSub = new Lazy<>(this::makePubSub);
  private final Lazy<WebhookHandler> webhooks = new Lazy<>(this::makeWebhooks);

  /**
   * @param sleeper how retries wait (tests pass one that does not)
   */
  public GcpRuntime(
      Map<String, String> env,
      HttpClient http,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper,
      Clock clock,
      Log log) {
    this(env, http, retryPolicy, sleeper, clock, log, WebhookSink::fromEnvironment);
  }

  /**
   * @param webhookSink makes the optional webhook sink from the environment and the HTTP client (or
   *     null when none is configured)
   */
  GcpRuntime(
      Map<String, String> env,
      HttpClient http,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper,
      Clock clock,
      Log log,
      java.util.function.BiFunction<Map<String, String>, HttpClient, FindingSink> webhookSink) {
    this(env, http, retryPolicy, sleeper, clock, log, webhookSink, System::nanoTime);
  }

  /**
   * @param nanoTime the monotonic time the SCC sink paces writes and bounds retries by (tests pass
   *     one their sleeper advances)
   */
  GcpRuntime(
      Map<String, String> env,
      HttpClient http,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper,
      Clock clock,
      Log log,
      java.util.function.BiFunction<Map<String, String>, HttpClient, FindingSink> webhookSink,
      java.util.function.LongSupplier nanoTime) {
    this.settings = GcpSettings.fromEnvironment(env);
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
    this.log = log;
    this.clock = clock;
    Catalog catalog = Catalog.bundled();
    this.configuration = new ConfigurationLoader(catalog, Rules.all()).fromEnvironment(env);
    RuleEngine engine = new RuleEngine(rules(catalog), configuration);
    this.clients =
        new GcpClients(
            new GcpClients.Options(
                settings.transport(),
                settings.containerEndpoint(),
                settings.sccEndpoint(),
                settings.credentials(),
                settings.callTimeout()));
    this.rest =
        new GoogleRest(
            http,
            settings.credentials() ? AccessTokens.applicationDefault() : AccessTokens.none(),
            retryPolicy,
            sleeper,
            settings.callTimeout() == null ? Duration.ofSeconds(20) : settings.callTimeout());
    List<FindingSink> sinks = new ArrayList<>();
    if (settings.sccSource() != null) {
      sinks.add(
          new SccSink(
              clients.securityCenter(),
              settings.sccSource(),
              configuration,
              retryPolicy,
              sleeper,
              clock,
              4,
              settings.sccWrites(),
              nanoTime));
    }
    Optional.ofNullable(webhookSink.apply(env, http)).ifPresent(sinks::add);
    this.pipeline = new FindingsPipeline(engine, catalog, sinks);
  }

  /** The production runtime: the process environment, real waits, the system clock. */
  public static GcpRuntime fromEnvironment(Map<String, String> env) {
    return new GcpRuntime(
        env,
        httpClient(),
        RetryPolicy.defaults(),
        Retry.Sleeper.REAL,
        Clock.systemUTC(),
        Log.stdout());
  }

  /** The production HTTP client (REST calls, tokens, the webhook), made on its first request. */
  static HttpClient httpClient() {
    return new LazyHttpClient(
        () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build());
  }

  /**
   * The rules of the GCP functions: those on GKE clusters, Kubernetes objects and images whose
   * recommendation concerns Google Cloud, Kubernetes or an external registry (not the AKS, EKS, ACR
   * or ECR rules of the same types).
   */
  static List<Rule> rules(Catalog catalog) {
    List<Rule> out = new ArrayList<>();
    for (Rule r : Rules.all()) {
      Optional<Recommendation> rec = catalog.find(r.id());
      if (TYPES.contains(r.resourceType())
          && rec.isPresent()
          && CLOUDS.contains(rec.get().cloud())) {
        out.add(r);
      }
    }
    return out;
  }

  public GcpSettings settings() {
    return settings;
  }

  public GcpClients clients() {
    return clients;
  }

  public FindingsPipeline pipeline() {
    return pipeline;
  }

  /**
   * The Pub/Sub handler.
   *
   * @throws dev.containerwatch.InvalidInputException when no findings store is configured
   */
  public PubSubHandler pubSub() {
    return pubSub.get();
  }

  /** The HTTP handler (admission and Docker Hub webhooks). */
  public WebhookHandler webhooks() {
    return webhooks.get();
  }

  private PubSubHandler makePubSub() {
    if (pipeline.sinks().isEmpty()) {
      throw new dev.containerwatch.InvalidInputException(
          "configuration: no findings store: set "
              + GcpSettings.SCC_SOURCE
              + " and/or "
              + WebhookSink.ENV_URL);
    }
    return new PubSubHandler(
        pipeline,
        new GkeClusterLoader(clients.clusterManager(), retryPolicy, sleeper),
        new ContainerAnalysisLoader(rest, settings.containerAnalysisEndpoint()),
        settings.projects(),
        log,
        clock);
  }

  private WebhookHandler makeWebhooks() {
    return new WebhookHandler(
        pipeline,
        configuration,
        new DockerHubWebhook(settings.dockerHubToken()),
        scanReports(),
        settings.admissionCluster(),
        log,
        clock);
  }

  private ScanReportSource scanReports() {
    String where = settings.scanReports();
    if (where == null) {
      return image -> Optional.empty();
    }
    if (where.startsWith("gs://")) {
      return GcsScanReportSource.of(rest, settings.storageEndpoint(), where);
    }
    return new DirectoryScanReportSource(Path.of(where));
  }

  @Override
  public void close() {
    clients.close();
  }
}
