package dev.containerwatch.cli.replay.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.cli.replay.Recorder;
import dev.containerwatch.cli.replay.ReplayContext;
import dev.containerwatch.cli.replay.ReplayResult;
import dev.containerwatch.cli.replay.ReplaySettings;
import dev.containerwatch.cli.replay.Replayer;
import dev.containerwatch.cli.replay.Sample;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.gcp.GcpRuntime;
import dev.containerwatch.gcp.GcpSettings;
import dev.containerwatch.gcp.Log;
import dev.containerwatch.gcp.PubSubHandler;
import dev.containerwatch.gcp.WebhookHandler;
import dev.containerwatch.gcp.loaders.DirectoryScanReportSource;
import dev.containerwatch.gcp.loaders.FileClusterLoader;
import dev.containerwatch.gcp.loaders.FileOccurrenceLoader;
import dev.containerwatch.gcp.sinks.SccSink;
import dev.containerwatch.gcp.sinks.SccWriteOptions;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.vulnerabilities.ScanReportSource;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubWebhook;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * GCP samples through the GCP function's handlers: {@link PubSubHandler} (a Pub/Sub CloudEvent,
 * delivered as the Functions Framework hands a binary-mode event over: its attributes and its
 * {@code data}) and {@link WebhookHandler} ({@code http/}: Docker Hub pushes and AdmissionReviews),
 * with the module's file loaders ({@link FileClusterLoader}, {@link FileOccurrenceLoader} on {@code
 * resources/}), its rule set, the settings of {@code resources/replay.json} ({@code environment},
 * {@code clock}), and its {@link SccSink} writing to a {@link RecordingSecurityCenter}: those
 * requests are the {@code scc} output.
 */
public final class GcpReplayer implements Replayer {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public ReplayResult replay(Sample sample, ReplayContext context) {
    String handler = "PubSubHandler";
    try {
      byte[] bytes = Files.readAllBytes(sample.file());
      boolean http = sample.hints().contains("http");
      handler = http ? "WebhookHandler" : handler;
      ReplaySettings settings = ReplaySettings.of(sample);
      Map<String, String> env = new HashMap<>(settings.environment());
      env.putIfAbsent(GcpSettings.CREDENTIALS, "none");
      context.configText(sample).ifPresent(c -> env.put(ConfigurationLoader.ENV_INLINE, c));
      Clock clock = settings.clock();
      List<String> logLines = new ArrayList<>();
      Log log = new Log(logLines::add);
      Path resources = settings.resources() == null ? Path.of("resources") : settings.resources();
      RecordingSecurityCenter scc = new RecordingSecurityCenter();
      Recorder recorder = new Recorder();
      try (GcpRuntime runtime =
          new GcpRuntime(
              env,
              HttpClient.newHttpClient(),
              new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
              d -> {},
              clock,
              log)) {
        GcpSettings gcp = runtime.settings();
        Configuration configuration =
            new ConfigurationLoader(Catalog.bundled(), Rules.all()).fromEnvironment(env);
        List<FindingSink> sinks = new ArrayList<>();
        if (gcp.sccSource() != null) {
          sinks.add(
              new SccSink(
                  scc::client,
                  gcp.sccSource(),
                  configuration,
                  new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                  d -> {},
                  clock,
                  1,
                  // As deployed (the ordering read first), without pacing: nothing is throttled.
                  SccWriteOptions.defaults().withWritesPerMinute(0),
                  System::nanoTime));
        }
        if (context.webhook() != null) {
          sinks.add(context.webhook());
        }
        sinks.add(recorder);
        FindingsPipeline pipeline =
            new FindingsPipeline(runtime.pipeline().engine(), Catalog.bundled(), sinks);
        ReplayResult.Outcome outcome;
        String reason = null;
        JsonNode response = null;
        List<String> notes = new ArrayList<>();
        if (http) {
          ScanReportSource reports =
              gcp.scanReports() == null
                  ? image -> Optional.empty()
                  : new DirectoryScanReportSource(Path.of(gcp.scanReports()));
          WebhookHandler webhooks =
              new WebhookHandler(
                  pipeline,
                  configuration,
                  new DockerHubWebhook(gcp.dockerHubToken()),
                  reports,
                  gcp.admissionCluster(),
                  log,
                  clock);
          boolean dockerHub = isDockerHubPush(bytes);
          Map<String, String> query = new HashMap<>();
          if (dockerHub && gcp.dockerHubToken() != null) {
            query.put("token", gcp.dockerHubToken());
          }
          WebhookHandler.Response r =
              webhooks.handle(
                  "POST",
                  dockerHub ? "/dockerhub" : "/admission",
                  name -> Optional.ofNullable(query.get(name)),
                  bytes);
          response = JSON.readTree(r.body());
          if (r.status() >= 400) {
            outcome = ReplayResult.Outcome.REJECTED;
            reason = "HTTP " + r.status() + ": " + response.path("error").asText(r.body());
          } else {
            outcome = ReplayResult.Outcome.PROCESSED;
          }
        } else {
          PubSubHandler pubSub =
              new PubSubHandler(
                  pipeline,
                  new FileClusterLoader(resources),
                  new FileOccurrenceLoader(resources),
                  gcp.projects(),
                  log,
                  clock);
          PubSubHandler.Outcome o = deliver(pubSub, bytes);
          notes.addAll(o.notes());
          switch (o.result()) {
            case REJECTED:
              outcome = ReplayResult.Outcome.REJECTED;
              reason = String.join("; ", o.notes());
              notes.clear();
              break;
            case IGNORED:
              outcome = ReplayResult.Outcome.IGNORED;
              reason = String.join("; ", o.notes());
              notes.clear();
              break;
            default:
              outcome = ReplayResult.Outcome.PROCESSED;
          }
        }
        return new ReplayResult(
            sample,
            handler,
            outcome,
            reason,
            recorder.writes(),
            recorder.deletions(),
            response,
            notes,
            gcp.sccSource() == null ? Map.of() : Map.of("scc", scc.requests()));
      }
    } catch (InvalidInputException e) {
      return ReplayResult.error(sample, handler, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return ReplayResult.error(
          sample, handler, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * A structured CloudEvent as a binary-mode delivery hands it over: {@code id}, {@code type},
   * {@code source} and {@code time} as attributes, {@code data} as the body. A file that is not a
   * CloudEvent is handed over as the body alone, for the handler to reject.
   */
  private static PubSubHandler.Outcome deliver(PubSubHandler handler, byte[] bytes)
      throws IOException {
    JsonNode event;
    try {
      event = JSON.readTree(bytes);
    } catch (IOException e) {
      event = null;
    }
    if (event == null || !event.isObject()) {
      return handler.handle(null, null, null, null, bytes);
    }
    Instant time = null;
    if (event.path("time").isTextual()) {
      try {
        time = Instant.parse(event.path("time").asText());
      } catch (RuntimeException e) {
        time = null;
      }
    }
    return handler.handle(
        event.path("id").asText(null),
        event.path("type").asText(null),
        event.path("source").asText(null),
        time,
        event.has("data") ? JSON.writeValueAsBytes(event.get("data")) : null);
  }

  private static boolean isDockerHubPush(byte[] bytes) {
    try {
      JsonNode json = JSON.readTree(bytes);
      return json != null && json.has("push_data");
    } catch (IOException e) {
      return false;
    }
  }
}
