package dev.containerwatch.cli.replay.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.AdmissionFunction;
import dev.containerwatch.azure.AksAuditLogFunction;
import dev.containerwatch.azure.AzureApp;
import dev.containerwatch.azure.DockerHubFunction;
import dev.containerwatch.azure.EventGridFunction;
import dev.containerwatch.azure.LocalHttpRequest;
import dev.containerwatch.azure.Settings;
import dev.containerwatch.azure.SweepFunction;
import dev.containerwatch.azure.handlers.HttpOutcome;
import dev.containerwatch.azure.handlers.Outcome;
import dev.containerwatch.azure.loaders.ArmClient;
import dev.containerwatch.azure.loaders.FileArmClient;
import dev.containerwatch.cli.output.RecordingArmClient;
import dev.containerwatch.cli.replay.Recorder;
import dev.containerwatch.cli.replay.ReplayContext;
import dev.containerwatch.cli.replay.ReplayResult;
import dev.containerwatch.cli.replay.ReplaySettings;
import dev.containerwatch.cli.replay.Replayer;
import dev.containerwatch.cli.replay.Sample;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Azure samples through the function classes ({@link EventGridFunction}, {@link
 * AksAuditLogFunction}, {@link AdmissionFunction}, {@link DockerHubFunction}, {@link
 * SweepFunction}), onto an {@link AzureApp} made from the app settings of {@code
 * resources/replay.json} ({@code environment}) with the Azure module's own {@link FileArmClient}
 * answering from {@code resources/arm-routes.json}, a fixed clock ({@code clock}), and a {@link
 * Recorder} next to the Defender assessments sink, whose requests are the {@code defender} output.
 *
 * <p>The function is the folder the sample is in ({@code eventgrid}, {@code eventhub}, {@code
 * admission}, {@code dockerhub}, {@code timer}), else the content's shape. An Event Hub sample
 * holds the batch: one element per message. A Docker Hub push is sent with the configured token.
 */
public final class AzureReplayer implements Replayer {
  static final List<String> KINDS =
      List.of("eventgrid", "eventhub", "admission", "dockerhub", "timer");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public ReplayResult replay(Sample sample, ReplayContext context) {
    String kind = "eventgrid";
    try {
      String text = Files.readString(sample.file(), StandardCharsets.UTF_8);
      kind = sample.hint(KINDS).orElseGet(() -> kindOf(text));
      ReplaySettings settings = ReplaySettings.of(sample);
      Map<String, String> env = new HashMap<>(settings.environment());
      context.configText(sample).ifPresent(c -> env.put(ConfigurationLoader.ENV_INLINE, c));
      Path routes =
          settings.resources() == null ? null : settings.resources().resolve("arm-routes.json");
      FileArmClient files =
          routes != null && Files.isRegularFile(routes) ? new FileArmClient(routes) : null;
      RecordingArmClient empty = files == null ? new RecordingArmClient() : null;
      ArmClient arm = files != null ? files : empty;
      Recorder recorder = new Recorder();
      List<FindingSink> extra = new ArrayList<>();
      if (context.webhook() != null) {
        extra.add(context.webhook());
      }
      extra.add(recorder);
      AzureApp app =
          AzureApp.create(
              env,
              new AzureApp.Overrides(
                  null,
                  () -> "replay",
                  () -> "replay",
                  settings.clock(),
                  new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                  d -> {},
                  extra,
                  arm));
      Supplier<AzureApp> apps = () -> app;
      LocalExecutionContext ctx = new LocalExecutionContext("containerwatch-" + kind);
      ReplayResult.Outcome outcome = ReplayResult.Outcome.PROCESSED;
      String reason = null;
      JsonNode response = null;
      List<String> notes = new ArrayList<>();
      String handler;
      switch (kind) {
        case "eventhub":
          {
            handler = "AksAuditLogFunction";
            List<String> messages = messages(text);
            Outcome o = new AksAuditLogFunction(apps).handle(messages, ctx);
            if (o.findings().isEmpty() && o.rejected().size() == messages.size()) {
              outcome = ReplayResult.Outcome.REJECTED;
              reason = String.join("; ", o.rejected());
            } else {
              o.rejected().forEach(r -> notes.add("message rejected: " + r));
              o.ignored().forEach(r -> notes.add("skipped: " + r));
            }
            break;
          }
        case "admission":
        case "dockerhub":
          {
            boolean admission = kind.equals("admission");
            handler = admission ? "AdmissionFunction" : "DockerHubFunction";
            Map<String, String> query = new HashMap<>();
            String token = env.get(Settings.DOCKERHUB_TOKEN);
            if (!admission && token != null) {
              query.put("token", token);
            }
            LocalHttpRequest request =
                new LocalHttpRequest("https://containerwatch.local/api/" + kind, text, query);
            HttpOutcome h =
                admission
                    ? new AdmissionFunction(apps).handle(request, ctx)
                    : new DockerHubFunction(apps).handle(request, ctx);
            response = h.body();
            if (h.status() >= 400) {
              outcome = ReplayResult.Outcome.REJECTED;
              reason = "HTTP " + h.status() + ": " + h.body().path("error").asText();
            }
            break;
          }
        case "timer":
          {
            handler = "SweepFunction";
            Outcome o = new SweepFunction(apps).handle(ctx);
            o.rejected().forEach(r -> notes.add("rejected: " + r));
            o.ignored().forEach(r -> notes.add("ignored: " + r));
            break;
          }
        default:
          {
            handler = "EventGridFunction";
            Outcome o = new EventGridFunction(apps).handle(text, ctx);
            if (o.findings().isEmpty()
                && o.resolved().isEmpty()
                && recorder.writes().isEmpty()
                && recorder.deletions().isEmpty()
                && (!o.rejected().isEmpty() || !o.ignored().isEmpty())) {
              outcome =
                  o.rejected().isEmpty()
                      ? ReplayResult.Outcome.IGNORED
                      : ReplayResult.Outcome.REJECTED;
              List<String> reasons = new ArrayList<>(o.rejected());
              reasons.addAll(o.ignored());
              reason = String.join("; ", reasons);
            } else {
              o.rejected().forEach(r -> notes.add("event rejected: " + r));
              o.ignored().forEach(r -> notes.add("event ignored: " + r));
            }
          }
      }
      ArrayNode defender = files != null ? files.writes() : empty.writes();
      return new ReplayResult(
          sample,
          handler,
          outcome,
          reason,
          recorder.writes(),
          recorder.deletions(),
          response,
          notes,
          Map.of("defender", defender));
    } catch (InvalidInputException e) {
      return ReplayResult.error(sample, kind, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return ReplayResult.error(sample, kind, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The function a sample outside the kind folders is for, by its shape. */
  static String kindOf(String text) {
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (IOException e) {
      return "eventgrid";
    }
    if (json == null) {
      return "eventgrid";
    }
    JsonNode first = json.isArray() && json.size() > 0 ? json.get(0) : json;
    if (first.path("kind").asText().equals("AdmissionReview")) {
      return "admission";
    }
    if (first.has("push_data")) {
      return "dockerhub";
    }
    if (first.has("records") || first.isTextual() && first.asText().contains("\"records\"")) {
      return "eventhub";
    }
    if (first.has("ScheduleStatus") || first.has("IsPastDue")) {
      return "timer";
    }
    return "eventgrid";
  }

  /** An Event Hub batch: one element per message (a string, or a JSON message written out). */
  private static List<String> messages(String text) throws IOException {
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (IOException e) {
      return List.of(text);
    }
    List<String> out = new ArrayList<>();
    if (json != null && json.isArray()) {
      json.forEach(m -> out.add(m.isTextual() ? m.asText() : m.toString()));
    } else {
      out.add(text);
    }
    return out;
  }
}
