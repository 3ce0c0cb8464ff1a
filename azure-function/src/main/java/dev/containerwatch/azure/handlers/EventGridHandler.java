package dev.containerwatch.azure.handlers;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.events.AzureChange;
import dev.containerwatch.azure.events.AzureEvents;
import dev.containerwatch.azure.events.EventGridEnvelope;
import dev.containerwatch.azure.events.GridEvent;
import dev.containerwatch.azure.events.RoutedEvent;
import dev.containerwatch.azure.loaders.ImageReportLoader;
import dev.containerwatch.azure.loaders.Loaded;
import dev.containerwatch.azure.loaders.RegistryDirectory;
import dev.containerwatch.azure.loaders.ResourceLoader;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Handles an Event Grid delivery (either schema): each event becomes changes ({@link AzureEvents}),
 * each change a snapshot (read from ARM, or taken from the event) or a deletion, and the snapshots
 * are evaluated and written together.
 *
 * <p>Malformed events and events of types or resources containerwatch does not evaluate are logged
 * with the reason and acknowledged. A read or write that fails after its retries escapes, so that
 * Event Grid delivers the event again.
 */
public final class EventGridHandler {
  private final ResourceLoader loader;
  private final ImageReportLoader images;
  private final RegistryDirectory registries;
  private final FindingsPipeline pipeline;
  private final Clock clock;

  public EventGridHandler(
      ResourceLoader loader,
      ImageReportLoader images,
      RegistryDirectory registries,
      FindingsPipeline pipeline,
      Clock clock) {
    this.loader = loader;
    this.images = images;
    this.registries = registries;
    this.pipeline = pipeline;
    this.clock = clock;
  }

  public Outcome handle(String body, JsonLog log) {
    List<String> ignored = new ArrayList<>();
    List<String> rejected = new ArrayList<>();
    List<String> resolved = new ArrayList<>();
    List<GridEvent> events;
    try {
      events = EventGridEnvelope.parse(body);
    } catch (InvalidInputException e) {
      log.warn("rejected", "reason", e.getMessage());
      return new Outcome(List.of(), List.of(), List.of(), List.of(e.getMessage()));
    }
    List<Snapshot> snapshots = new ArrayList<>();
    try (InvocationLog.Scope scope = InvocationLog.open(log)) {
      for (GridEvent event : events) {
        RoutedEvent routed;
        try {
          routed = AzureEvents.route(event, clock.instant());
        } catch (InvalidInputException e) {
          log.warn(
              "rejected",
              "eventId",
              event.id(),
              "eventType",
              event.type(),
              "reason",
              e.getMessage());
          rejected.add(e.getMessage());
          continue;
        }
        if (routed.isIgnored()) {
          log.info(
              "ignored",
              "eventId",
              event.id(),
              "eventType",
              event.type(),
              "reason",
              routed.ignoredBecause());
          ignored.add(routed.ignoredBecause());
          continue;
        }
        for (AzureChange change : routed.changes()) {
          apply(change, snapshots, resolved, log);
        }
      }
      List<Finding> findings = pipeline.processAll(snapshots);
      Outcome outcome = new Outcome(findings, resolved, ignored, rejected);
      log.info(
          "processed",
          "events",
          events.size(),
          "eventIds",
          events.stream().map(GridEvent::id).toList(),
          "snapshots",
          snapshots.size(),
          "resolved",
          resolved,
          "findings",
          outcome.counts());
      return outcome;
    }
  }

  private void apply(
      AzureChange change, List<Snapshot> snapshots, List<String> resolved, JsonLog log) {
    Instant time = change.change().time();
    switch (change.kind()) {
      case UPSERT:
        {
          Optional<Loaded> loaded =
              change.document() != null
                  ? Optional.of(loader.withEvidence(change.resource(), change.document(), time))
                  : loader.load(change.resource(), time);
          if (loaded.isEmpty()) {
            // Read after its deletion (events arrive out of order): resolve, as a delete would.
            pipeline.deleted(change.resource(), time);
            resolved.add(change.resource().id());
            log.info(
                "resource-gone",
                "eventId",
                change.change().eventId(),
                "resourceId",
                change.resource().id());
            return;
          }
          for (String warning : loaded.get().warnings()) {
            log.warn(
                "evidence-missing",
                "eventId",
                change.change().eventId(),
                "resourceId",
                change.resource().id(),
                "reason",
                warning);
          }
          snapshots.add(loaded.get().snapshot());
          return;
        }
      case DELETE:
        if (change.image() != null) {
          registries.remember(change.image().registry(), change.registryId());
        }
        pipeline.deleted(change.resource(), time);
        resolved.add(change.resource().id());
        return;
      case IMAGE_PUSH:
        {
          ImageRef image = change.image();
          registries.remember(image.registry(), change.registryId());
          VulnerabilityReport report =
              images.find(image, change.registryId()).orElseGet(() -> pending(image));
          if (report.state() == ScanState.PENDING) {
            log.info(
                "scan-pending", "eventId", change.change().eventId(), "image", image.canonical());
          }
          snapshots.add(report.snapshot(time));
          return;
        }
      default:
        throw new IllegalStateException("unexpected change " + change.kind());
    }
  }

  /** The report of an image Defender has not scanned yet: its findings stay UNKNOWN. */
  static VulnerabilityReport pending(ImageRef image) {
    return new VulnerabilityReport(
        image,
        Scanner.NONE,
        null,
        ScanState.PENDING,
        "pushed; Defender for Cloud has not published its scan result yet",
        List.of(),
        Map.of());
  }
}
