package dev.containerwatch.cli.replay.kubernetes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.cli.replay.Recorder;
import dev.containerwatch.cli.replay.ReplayContext;
import dev.containerwatch.cli.replay.ReplayResult;
import dev.containerwatch.cli.replay.ReplaySettings;
import dev.containerwatch.cli.replay.Replayer;
import dev.containerwatch.cli.replay.Sample;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.kubernetes.admission.AdmissionController;
import dev.containerwatch.kubernetes.audit.AuditEvents;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.rules.Rules;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Kubernetes samples through the code every cloud's function hands them to (common-rules): an
 * AdmissionReview to {@link AdmissionController} (the webhook's answer is the response; an admitted
 * CREATE or UPDATE that is not a dry run is recorded, as the functions record it), audit events to
 * {@link AuditEvents} (each changed object evaluated, the others skipped with their reason), and
 * manifests or {@code kubectl get -o json} output to {@link SnapshotReader}, as {@code scan} reads
 * them.
 *
 * <p>The kind is the sample's folder ({@code admission}, {@code audit}, {@code manifests}), else
 * the content's shape. Settings ({@code resources/replay.json}): {@code cluster}, the cluster the
 * objects belong to; {@code clock}, the time of admission and of manifests.
 */
public final class KubernetesReplayer implements Replayer {
  static final List<String> KINDS = List.of("admission", "audit", "manifests");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public ReplayResult replay(Sample sample, ReplayContext context) {
    String kind = "manifests";
    try {
      byte[] bytes = Files.readAllBytes(sample.file());
      String text = new String(bytes, StandardCharsets.UTF_8);
      kind = sample.hint(KINDS).orElseGet(() -> kindOf(sample, text));
      ReplaySettings settings = ReplaySettings.of(sample);
      String cluster = settings.text("cluster").orElse(SnapshotReader.DEFAULT_CLUSTER);
      Clock clock = settings.clock();
      Configuration configuration = context.configuration(sample);
      RuleEngine engine = new RuleEngine(Rules.all(), configuration);
      Recorder recorder = new Recorder();
      List<FindingSink> sinks = new ArrayList<>();
      if (context.webhook() != null) {
        sinks.add(context.webhook());
      }
      sinks.add(recorder);
      FindingsPipeline pipeline = new FindingsPipeline(engine, Catalog.bundled(), sinks);
      List<String> notes = new ArrayList<>();
      switch (kind) {
        case "admission":
          {
            String handler = "AdmissionController";
            JsonNode review;
            try {
              review = JSON.readTree(text);
            } catch (IOException e) {
              return rejected(sample, handler, "AdmissionReview: body is not valid JSON");
            }
            ObjectNode response;
            try {
              response =
                  new AdmissionController(engine, configuration, cluster, clock).review(review);
            } catch (InvalidInputException e) {
              return rejected(sample, handler, e.getMessage());
            }
            String skip =
                AdmissionController.notRecordedBecause(
                    review.path("request"),
                    response.path("response").path("allowed").asBoolean(false));
            if (skip == null) {
              pipeline.process(
                  KubernetesSnapshots.of(
                      cluster,
                      AdmissionController.objectOf(review.path("request")),
                      clock.instant()));
            } else {
              notes.add("not recorded: " + skip);
            }
            return result(
                sample, handler, ReplayResult.Outcome.PROCESSED, null, recorder, response, notes);
          }
        case "audit":
          {
            String handler = "AuditEvents";
            List<JsonNode> events;
            try {
              events = AuditEvents.parse(text);
            } catch (InvalidInputException e) {
              return rejected(sample, handler, e.getMessage());
            }
            if (events.isEmpty()) {
              return rejected(sample, handler, "audit events: none in the sample");
            }
            AuditEvents.Extraction x = AuditEvents.extract(events);
            if (x.objects().isEmpty()) {
              return new ReplayResult(
                  sample,
                  handler,
                  ReplayResult.Outcome.IGNORED,
                  "no changed object: " + String.join("; ", x.skipped()),
                  List.of(),
                  List.of(),
                  null,
                  List.of(),
                  Map.of());
            }
            for (AuditEvents.ChangedObject o : x.objects()) {
              Instant time = o.time() != null ? o.time() : clock.instant();
              pipeline.process(KubernetesSnapshots.of(cluster, o.object(), time));
            }
            x.skipped().forEach(s -> notes.add("skipped " + s));
            return result(
                sample, handler, ReplayResult.Outcome.PROCESSED, null, recorder, null, notes);
          }
        default:
          {
            String handler = "SnapshotReader";
            List<Snapshot> snapshots;
            try {
              SnapshotReader reader = new SnapshotReader(clock.instant(), cluster);
              reader.add(sample.file().getFileName().toString(), bytes);
              snapshots = reader.snapshots();
            } catch (InvalidInputException e) {
              return rejected(sample, handler, e.getMessage());
            }
            for (Snapshot s : snapshots) {
              pipeline.process(s);
            }
            return result(
                sample, handler, ReplayResult.Outcome.PROCESSED, null, recorder, null, notes);
          }
      }
    } catch (InvalidInputException e) {
      return ReplayResult.error(sample, kind, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return ReplayResult.error(sample, kind, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  /** The kind of a sample outside the kind folders, by its shape. */
  static String kindOf(Sample sample, String text) {
    if (sample.file().getFileName().toString().endsWith(".jsonl")) {
      return "audit";
    }
    try {
      JsonNode json = JSON.readTree(text);
      JsonNode first = json != null && json.isArray() && json.size() > 0 ? json.get(0) : json;
      if (first != null && first.path("kind").asText().equals("AdmissionReview")) {
        return "admission";
      }
      if (first != null
          && (first.path("apiVersion").asText().startsWith("audit.k8s.io/")
              || first
                  .path("items")
                  .path(0)
                  .path("apiVersion")
                  .asText()
                  .startsWith("audit.k8s.io/"))) {
        return "audit";
      }
    } catch (IOException e) {
      // YAML, or JSON lines
      String line = text.strip().lines().findFirst().orElse("");
      if (line.contains("audit.k8s.io/")) {
        return "audit";
      }
    }
    return "manifests";
  }

  private static ReplayResult rejected(Sample sample, String handler, String reason) {
    return new ReplayResult(
        sample,
        handler,
        ReplayResult.Outcome.REJECTED,
        reason,
        List.of(),
        List.of(),
        null,
        List.of(),
        Map.of());
  }

  private static ReplayResult result(
      Sample sample,
      String handler,
      ReplayResult.Outcome outcome,
      String reason,
      Recorder recorder,
      JsonNode response,
      List<String> notes) {
    return new ReplayResult(
        sample,
        handler,
        outcome,
        reason,
        recorder.writes(),
        recorder.deletions(),
        response,
        notes,
        Map.of());
  }
}
