package dev.containerwatch.cli.replay.dockerhub;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.loaders.DirectoryScanReportSource;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.cli.replay.Recorder;
import dev.containerwatch.cli.replay.ReplayContext;
import dev.containerwatch.cli.replay.ReplayResult;
import dev.containerwatch.cli.replay.ReplaySettings;
import dev.containerwatch.cli.replay.Replayer;
import dev.containerwatch.cli.replay.Sample;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.vulnerabilities.ScanReportSource;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubPush;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubPushes;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubWebhook;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Docker Hub push webhooks through the code every cloud's Docker Hub function hands them to
 * (common-rules' {@link DockerHubWebhook} and {@link DockerHubPushes}), the pushed image's report
 * read from the folder of {@code scanReports} in {@code resources/replay.json} (laid out as the
 * functions' report sources are: {@code <registry>/<repository>/<tag>.json}). The push is taken as
 * authenticated: the shared secret travels in the deployed webhook's URL, not in the payload.
 */
public final class DockerHubReplayer implements Replayer {
  private static final String TOKEN = "replay";

  @Override
  public ReplayResult replay(Sample sample, ReplayContext context) {
    String handler = "DockerHubWebhook";
    try {
      byte[] body = Files.readAllBytes(sample.file());
      ReplaySettings settings = ReplaySettings.of(sample);
      Optional<Path> reports = settings.path("scanReports");
      ScanReportSource source =
          reports.isPresent()
              ? new DirectoryScanReportSource(reports.get())
              : image -> Optional.empty();
      DockerHubPush push;
      try {
        push = new DockerHubWebhook(TOKEN).accept(TOKEN, body);
      } catch (InvalidInputException e) {
        return new ReplayResult(
            sample,
            handler,
            ReplayResult.Outcome.REJECTED,
            e.getMessage(),
            List.of(),
            List.of(),
            null,
            List.of(),
            Map.of());
      }
      Recorder recorder = new Recorder();
      List<FindingSink> sinks = new ArrayList<>();
      if (context.webhook() != null) {
        sinks.add(context.webhook());
      }
      sinks.add(recorder);
      new FindingsPipeline(context.engine(sample), Catalog.bundled(), sinks)
          .process(DockerHubPushes.snapshot(push, source, settings.clock().instant()));
      return new ReplayResult(
          sample,
          handler,
          ReplayResult.Outcome.PROCESSED,
          null,
          recorder.writes(),
          recorder.deletions(),
          null,
          List.of(),
          Map.of());
    } catch (InvalidInputException e) {
      return ReplayResult.error(sample, handler, e.getMessage());
    } catch (IOException | RuntimeException e) {
      return ReplayResult.error(
          sample, handler, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }
}
