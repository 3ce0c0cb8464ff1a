package dev.containerwatch.cli.replay.aws;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.aws.AdmissionHandler;
import dev.containerwatch.aws.AwsFunction;
import dev.containerwatch.aws.CloudWatchLogsHandler;
import dev.containerwatch.aws.EventBridgeHandler;
import dev.containerwatch.aws.Log;
import dev.containerwatch.aws.SqsHandler;
import dev.containerwatch.aws.sinks.SecurityHubSink;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.cli.replay.Recorder;
import dev.containerwatch.cli.replay.ReplayContext;
import dev.containerwatch.cli.replay.ReplayResult;
import dev.containerwatch.cli.replay.ReplaySettings;
import dev.containerwatch.cli.replay.Replayer;
import dev.containerwatch.cli.replay.Sample;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.kubernetes.admission.AdmissionWebhook;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.RetryPolicy;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * AWS samples through the Lambda handlers ({@link EventBridgeHandler}, {@link
 * CloudWatchLogsHandler}, {@link SqsHandler}, {@link AdmissionHandler}, chosen by the event's shape
 * as Lambda's triggers would), bytes in and JSON answer out, onto an {@link AwsFunction} wired as
 * deployed except for its loaders ({@link FileEksLoader}, {@link FileEcrLoader}: {@code
 * resources/eks}, {@code resources/ecr}) and Security Hub ({@link FileSecurityHub}: {@code
 * resources/securityhub}). The function's own {@link SecurityHubSink} runs, so its requests are the
 * {@code asff} output.
 *
 * <p>Settings ({@code resources/replay.json}): {@code account} and {@code region}, the function's
 * own ({@code CONTAINERWATCH_ACCOUNT_ID} and {@code AWS_REGION} otherwise). Without an account the
 * Security Hub sink is left out.
 */
public final class AwsReplayer implements Replayer {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEFAULT_REGION = "us-east-1";

  private final Map<String, String> env;

  public AwsReplayer(Map<String, String> env) {
    this.env = env;
  }

  @Override
  public ReplayResult replay(Sample sample, ReplayContext context) {
    String handlerName = "EventBridgeHandler";
    try {
      byte[] event = Files.readAllBytes(sample.file());
      ReplaySettings settings = ReplaySettings.of(sample);
      Path resources = settings.resources();
      List<String> notes = new ArrayList<>();
      String account =
          settings.text("account").orElse(blankToNull(env.get("CONTAINERWATCH_ACCOUNT_ID")));
      String region =
          settings
              .text("region")
              .orElse(firstNonBlank(env.get("AWS_REGION"), env.get("AWS_DEFAULT_REGION"), null));
      if (region == null) {
        region = DEFAULT_REGION;
        notes.add("the function's region is not set (AWS_REGION): " + DEFAULT_REGION + " assumed");
      }
      Catalog catalog = Catalog.bundled();
      RuleEngine engine = context.engine(sample);
      FileSecurityHub hub =
          new FileSecurityHub(resources == null ? null : resources.resolve("securityhub"));
      String own = account;
      SecurityHubSink securityHub =
          own == null
              ? null
              : new SecurityHubSink(
                  hub,
                  () -> own,
                  catalog.version(),
                  region,
                  new RetryPolicy(1, Duration.ZERO, Duration.ZERO),
                  d -> {});
      Recorder recorder = new Recorder();
      FindingSink webhook = context.webhook();
      List<String> logLines = new ArrayList<>();
      AwsFunction function =
          new AwsFunction(
              catalog,
              engine,
              new FileEksLoader(resources == null ? null : resources.resolve("eks")),
              new FileEcrLoader(resources == null ? null : resources.resolve("ecr")),
              sinks(securityHub, webhook, recorder),
              securityHub,
              region,
              new Log(logLines::add));

      RequestStreamHandler handler;
      JsonNode shape = readOrNull(event);
      if (shape != null && shape.path("requestContext").has("http")) {
        return admission(sample, event, settings, context, notes);
      } else if (shape != null && shape.has("awslogs")) {
        handler = new CloudWatchLogsHandler(function);
        handlerName = "CloudWatchLogsHandler";
      } else if (shape != null && shape.has("Records")) {
        handler = new SqsHandler(function);
        handlerName = "SqsHandler";
      } else {
        handler = new EventBridgeHandler(function);
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(new ByteArrayInputStream(event), out, new LocalLambdaContext());
      JsonNode answer = JSON.readTree(out.toByteArray());

      ReplayResult.Outcome outcome;
      String reason = null;
      if (handlerName.equals("SqsHandler")) {
        outcome = ReplayResult.Outcome.PROCESSED;
        for (String line : logLines) {
          JsonNode l = JSON.readTree(line);
          if (l.path("message").asText().equals("rejected")) {
            notes.add(
                "message rejected: " + l.path("event").asText() + ": " + l.path("reason").asText());
          }
        }
        answer
            .path("batchItemFailures")
            .forEach(f -> notes.add("batch item failure: " + f.path("itemIdentifier").asText()));
      } else {
        switch (answer.path("outcome").asText()) {
          case "rejected":
            outcome = ReplayResult.Outcome.REJECTED;
            reason = answer.path("reason").asText();
            break;
          case "ignored":
            outcome = ReplayResult.Outcome.IGNORED;
            reason = answer.path("reason").asText();
            break;
          default:
            outcome = ReplayResult.Outcome.PROCESSED;
        }
      }
      answer.path("notes").forEach(n -> notes.add(n.asText()));
      return new ReplayResult(
          sample,
          handlerName,
          outcome,
          reason,
          recorder.writes(),
          recorder.deletions(),
          answer,
          notes,
          securityHub == null ? Map.of() : Map.of("asff", hub.imports()));
    } catch (InvalidInputException e) {
      return ReplayResult.error(sample, handlerName, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return ReplayResult.error(
          sample, handlerName, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /**
   * A function URL event: the admission webhook ({@link AdmissionHandler}) with the settings'
   * {@code environment} (its token and clusters), the sample's configuration and the settings'
   * clock. Its answer is the AdmissionReview response; an HTTP error is a rejection.
   */
  private static ReplayResult admission(
      Sample sample,
      byte[] event,
      ReplaySettings settings,
      ReplayContext context,
      List<String> notes)
      throws IOException {
    String handlerName = "AdmissionHandler";
    List<String> logLines = new ArrayList<>();
    AdmissionWebhook webhook =
        new AdmissionWebhook(
            context.engine(sample), context.configuration(sample), settings.clock());
    JsonNode reply =
        AdmissionHandler.of(settings.environment(), webhook, new Log(logLines::add)).handle(event);
    JsonNode body = JSON.readTree(reply.path("body").asText());
    if (reply.path("statusCode").asInt() != 200) {
      String reason = reply.path("statusCode").asInt() + ": " + body.path("error").asText();
      ObjectNode answer = JSON.createObjectNode().put("outcome", "rejected").put("reason", reason);
      return new ReplayResult(
          sample,
          handlerName,
          ReplayResult.Outcome.REJECTED,
          reason,
          List.of(),
          List.of(),
          answer,
          notes,
          Map.of());
    }
    notes.add("not recorded: the EKS admission webhook writes no finding");
    return new ReplayResult(
        sample,
        handlerName,
        ReplayResult.Outcome.PROCESSED,
        null,
        List.of(),
        List.of(),
        body,
        notes,
        Map.of());
  }

  private static JsonNode readOrNull(byte[] event) {
    try {
      JsonNode json = JSON.readTree(new String(event, StandardCharsets.UTF_8));
      return json != null && json.isObject() ? json : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static String firstNonBlank(String a, String b, String c) {
    return blankToNull(a) != null ? a.strip() : blankToNull(b) != null ? b.strip() : c;
  }

  /** The sinks the function writes to: the pipeline binds each to the snapshot it evaluated. */
  private static List<FindingSink> sinks(
      SecurityHubSink securityHub, FindingSink webhook, FindingSink recorder) {
    List<FindingSink> sinks = new ArrayList<>();
    if (securityHub != null) {
      sinks.add(securityHub);
    }
    if (webhook != null) {
      sinks.add(webhook);
    }
    sinks.add(recorder);
    return sinks;
  }
}
