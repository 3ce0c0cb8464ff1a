package dev.containerwatch.azure.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.loaders.Inventory;
import dev.containerwatch.azure.loaders.Loaded;
import dev.containerwatch.azure.loaders.RegistryDirectory;
import dev.containerwatch.azure.loaders.ResourceLoader;
import dev.containerwatch.azure.sinks.DefenderAssessmentSink;
import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.pipeline.SinkException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduled sweep: for each configured subscription, lists the managed clusters, registries,
 * Arc connected clusters, Defender plans and security connectors, reads each one's evidence,
 * evaluates them all and writes the findings; then deletes containerwatch's assessments of
 * resources that no longer exist (a delete event that never arrived). It catches what events missed
 * and refreshes every assessment at least once per schedule.
 *
 * <p>A subscription that fails (a list forbidden, a write that fails after retries) does not stop
 * the others; the invocation fails at the end, naming them, and no stale assessment of a failed
 * subscription is deleted (its list may have been incomplete).
 */
public final class SweepHandler {
  static final List<ResourceType> TYPES =
      List.of(
          ResourceType.AKS_CLUSTER,
          ResourceType.ACR_REGISTRY,
          ResourceType.ARC_CLUSTER,
          ResourceType.DEFENDER_PLAN,
          ResourceType.SECURITY_CONNECTOR);

  private final List<String> subscriptions;
  private final Inventory inventory;
  private final ResourceLoader loader;
  private final RegistryDirectory registries;
  private final FindingsPipeline pipeline;
  private final Optional<DefenderAssessmentSink> defender;
  private final Clock clock;

  public SweepHandler(
      List<String> subscriptions,
      Inventory inventory,
      ResourceLoader loader,
      RegistryDirectory registries,
      FindingsPipeline pipeline,
      Optional<DefenderAssessmentSink> defender,
      Clock clock) {
    this.subscriptions = List.copyOf(subscriptions);
    this.inventory = inventory;
    this.loader = loader;
    this.registries = registries;
    this.pipeline = pipeline;
    this.defender = defender;
    this.clock = clock;
  }

  public Outcome handle(JsonLog log) {
    if (subscriptions.isEmpty()) {
      log.warn("sweep-skipped", "reason", "CONTAINERWATCH_SUBSCRIPTIONS names no subscription");
      return new Outcome(List.of(), List.of(), List.of("no subscription configured"), List.of());
    }
    Instant now = clock.instant();
    List<Finding> findings = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    List<String> failed = new ArrayList<>();
    try (InvocationLog.Scope scope = InvocationLog.open(log)) {
      for (String subscription : subscriptions) {
        try {
          Sweep sweep = sweep(subscription, now, log);
          findings.addAll(pipeline.processAll(sweep.snapshots));
          if (defender.isPresent()) {
            removed.addAll(defender.get().removeStale(subscription, sweep.live));
          }
          log.info(
              "subscription-swept",
              "subscription",
              subscription,
              "resources",
              sweep.snapshots.size(),
              "staleRemoved",
              removed.size());
        } catch (SinkException | InvalidInputException e) {
          log.error("subscription-failed", "subscription", subscription, "reason", e.getMessage());
          failed.add(subscription + ": " + e.getMessage());
        }
      }
    }
    Outcome outcome = new Outcome(findings, removed, List.of(), List.of());
    log.info(
        "processed",
        "subscriptions",
        subscriptions.size(),
        "failedSubscriptions",
        failed.size(),
        "staleRemoved",
        removed.size(),
        "findings",
        outcome.counts());
    if (!failed.isEmpty()) {
      throw new SinkException(
          "sweep failed in " + failed.size() + " subscription(s): " + String.join("; ", failed));
    }
    return outcome;
  }

  private record Sweep(List<Snapshot> snapshots, Set<String> live) {}

  private Sweep sweep(String subscription, Instant now, JsonLog log) {
    List<Snapshot> snapshots = new ArrayList<>();
    Set<String> live = new HashSet<>();
    for (ResourceType type : TYPES) {
      for (JsonNode item : inventory.list(type, subscription)) {
        JsonNode document = ResourceDocuments.normalize(type, item);
        ResourceRef ref = ResourceDocuments.reference(type, document);
        live.add(ref.id().toLowerCase(Locale.ROOT));
        if (type == ResourceType.ACR_REGISTRY) {
          Doc.arm(document)
              .get("properties.loginServer")
              .text()
              .ifPresent(host -> registries.remember(host, ref.id()));
        }
        Loaded loaded = loader.withEvidence(ref, document, now);
        for (String warning : loaded.warnings()) {
          log.warn("evidence-missing", "resourceId", ref.id(), "reason", warning);
        }
        snapshots.add(loaded.snapshot());
      }
    }
    return new Sweep(snapshots, live);
  }
}
