package dev.containerwatch.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.gcp.events.EventChange;
import dev.containerwatch.gcp.events.EventChanges;
import dev.containerwatch.gcp.events.OccurrenceNotifications;
import dev.containerwatch.gcp.events.PubSubEnvelope;
import dev.containerwatch.gcp.events.PubSubMessages;
import dev.containerwatch.gcp.loaders.ClusterLoader;
import dev.containerwatch.gcp.loaders.LoadException;
import dev.containerwatch.gcp.loaders.OccurrenceLoader;
import dev.containerwatch.kubernetes.Container;
import dev.containerwatch.kubernetes.ContainerList;
import dev.containerwatch.kubernetes.KubernetesObject;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.Change;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.pipeline.SinkException;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.RegistryKind;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.sources.ArtifactAnalysisOccurrences;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Pub/Sub CloudEvent handler: parse the envelope into changes, load what the event does not
 * carry, evaluate, write. It holds no rule logic and no platform types, so {@code cli replay} feeds
 * it the same envelopes with file-backed loaders and a collecting sink.
 *
 * <ul>
 *   <li>Malformed and unknown events ({@link InvalidInputException}) are logged with the reason and
 *       acknowledged: retrying them would not help.
 *   <li>Events that need nothing done (a feed's welcome message, a removed tag, a read in an audit
 *       log) are logged as ignored, with the reason, and acknowledged.
 *   <li>A failed write ({@link SinkException}) or read ({@link LoadException}) is logged and
 *       thrown, so that the invocation fails and Eventarc retries it.
 * </ul>
 */
public final class PubSubHandler {
  private final FindingsPipeline pipeline;
  private final ClusterLoader clusters;
  private final OccurrenceLoader occurrences;
  private final List<String> projects;
  private final Log log;
  private final Clock clock;

  public PubSubHandler(
      FindingsPipeline pipeline,
      ClusterLoader clusters,
      OccurrenceLoader occurrences,
      List<String> projects,
      Log log,
      Clock clock) {
    this.pipeline = pipeline;
    this.clusters = clusters;
    this.occurrences = occurrences;
    this.projects = List.copyOf(projects);
    this.log = log;
    this.clock = clock;
  }

  /** What became of an event. */
  public enum Result {
    /** Changes were evaluated (and findings written, or resolved). */
    PROCESSED,
    /** Understood, nothing to do; acknowledged. */
    IGNORED,
    /** Malformed or unknown; logged and acknowledged. */
    REJECTED
  }

  /**
   * @param family the event family, null when the event was rejected before it was recognised
   * @param findings every finding evaluated (all statuses)
   * @param notes why parts were ignored, or the rejection reason
   */
  public record Outcome(Result result, String family, List<Finding> findings, List<String> notes) {}

  /** Handles a binary-mode CloudEvent's attributes and data. */
  public Outcome handle(
      String eventId, String eventType, String source, Instant time, byte[] data) {
    PubSubEnvelope envelope;
    try {
      envelope = PubSubEnvelope.of(eventId, eventType, source, time, data);
    } catch (InvalidInputException e) {
      return rejected(eventId, eventType, null, null, e);
    }
    return handle(envelope);
  }

  public Outcome handle(PubSubEnvelope envelope) {
    String family = null;
    try {
      Instant time = envelope.time() != null ? envelope.time() : clock.instant();
      EventChanges parsed = PubSubMessages.read(envelope.message(), envelope.eventId(), time);
      family = parsed.family();
      Run run = new Run(parsed.notes());
      for (EventChange change : parsed.changes()) {
        apply(change, run);
      }
      Result result =
          run.findings.isEmpty() && run.deletions == 0 && !run.acted
              ? Result.IGNORED
              : Result.PROCESSED;
      Outcome outcome = new Outcome(result, family, run.findings, run.notes);
      logOutcome(envelope, outcome, parsed.changes().size());
      return outcome;
    } catch (InvalidInputException e) {
      return rejected(
          envelope.eventId(), envelope.eventType(), envelope.message().messageId(), family, e);
    } catch (SinkException | LoadException e) {
      Map<String, Object> fields = fields(envelope.eventId(), envelope.eventType(), family);
      fields.put("outcome", "failed");
      fields.put("reason", e.getMessage());
      log.error("event failed; the platform will retry it", fields);
      throw e;
    } catch (RuntimeException e) {
      Map<String, Object> fields = fields(envelope.eventId(), envelope.eventType(), family);
      fields.put("outcome", "failed");
      fields.put("reason", "unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
      log.error("event failed unexpectedly; the platform will retry it", fields);
      throw e;
    }
  }

  /** What one event's changes gave. */
  private static final class Run {
    final List<Finding> findings = new ArrayList<>();
    final List<String> notes;
    int deletions;
    boolean acted;

    Run(List<String> notes) {
      this.notes = new ArrayList<>(notes);
    }
  }

  private void apply(EventChange ec, Run run) {
    Change c = ec.change();
    List<Finding> findings = run.findings;
    List<String> notes = run.notes;
    switch (c.kind()) {
      case UPSERT:
        cluster(c.resource(), ec.document(), c.time(), run);
        break;
      case DELETE:
        pipeline.deleted(c.resource(), c.time());
        run.deletions++;
        notes.add("deleted: findings of " + c.resource().id() + " resolved");
        break;
      case IMAGE_PUSH:
        imagePushed(c.resource(), c.time(), findings);
        break;
      case SCAN_COMPLETE:
        occurrence(c.resource(), c.time(), run);
        break;
      case KUBERNETES_OBJECT:
        findings.addAll(pipeline.process(workload(c.resource(), ec.document(), c.time())));
        break;
      case SWEEP:
        run.acted = true;
        sweep(c.time(), findings, notes);
        break;
      default:
        throw new IllegalStateException("unhandled change " + c.kind());
    }
  }

  private void cluster(ResourceRef ref, JsonNode carried, Instant time, Run run) {
    JsonNode document = carried;
    if (document == null) {
      Optional<JsonNode> loaded = clusters.cluster(ref);
      if (loaded.isEmpty()) {
        pipeline.deleted(ref, time);
        run.deletions++;
        run.notes.add("cluster " + ref.id() + " no longer exists: its findings are resolved");
        return;
      }
      document = loaded.get();
    }
    run.findings.addAll(pipeline.process(Snapshot.of(ref, document, time)));
  }

  /**
   * The snapshot of a Kubernetes object; for a workload, with the Artifact Analysis reports of
   * those of its images that are in Artifact Registry or Container Registry and pinned by digest
   * (evidence {@code imageReports}), for the running-container vulnerability rule. Images known by
   * tag only have no report here: the rule says so (UNKNOWN), as Artifact Analysis knows images by
   * digest.
   */
  private Snapshot workload(ResourceRef ref, JsonNode object, Instant time) {
    Snapshot snapshot = Snapshot.of(ref, object, time);
    KubernetesObject o = KubernetesObject.of(object);
    if (!o.runsPods() || o.podTemplate().isEmpty()) {
      return snapshot;
    }
    ArrayNode reports = JsonNodeFactory.instance.arrayNode();
    Set<String> seen = new HashSet<>();
    for (Container c : o.podTemplate().get().containers(EnumSet.allOf(ContainerList.class))) {
      ImageRef image;
      try {
        image = ImageRef.parse(c.image());
      } catch (InvalidInputException e) {
        continue;
      }
      if (image.digest() == null
          || image.kind() != RegistryKind.ARTIFACT_REGISTRY
          || !seen.add(image.name() + "@" + image.digest())) {
        continue;
      }
      ImageRef byDigest = new ImageRef(image.registry(), image.repository(), null, image.digest());
      for (VulnerabilityReport r :
          ArtifactAnalysisOccurrences.parse(
              occurrences.occurrencesOf(projectOf(byDigest), "https://" + byDigest.canonical()))) {
        reports.add(r.toJson());
      }
    }
    return snapshot.with(Evidence.IMAGE_REPORTS, reports);
  }

  private void imagePushed(ResourceRef image, Instant time, List<Finding> findings) {
    ImageRef ref = ImageRef.parse(image.id());
    String uri = "https://" + ref.canonical();
    List<VulnerabilityReport> reports =
        ArtifactAnalysisOccurrences.parse(occurrences.occurrencesOf(projectOf(ref), uri));
    VulnerabilityReport report =
        reports.stream()
            .filter(r -> r.image().canonical().equals(ref.canonical()))
            .findFirst()
            .orElseGet(
                () ->
                    new VulnerabilityReport(
                        ref,
                        Scanner.ARTIFACT_ANALYSIS,
                        null,
                        ScanState.PENDING,
                        "pushed; Artifact Analysis has not reported on the image yet",
                        List.of(),
                        Map.of()));
    findings.addAll(pipeline.process(report.snapshot(time)));
  }

  private void occurrence(ResourceRef occurrenceRef, Instant time, Run run) {
    List<String> notes = run.notes;
    String name = OccurrenceNotifications.occurrenceName(occurrenceRef);
    Optional<JsonNode> occ = occurrences.occurrence(name);
    if (occ.isEmpty()) {
      notes.add("occurrence " + name + " no longer exists");
      return;
    }
    String uri = occ.get().path("resourceUri").asText("");
    if (uri.isEmpty()) {
      throw new InvalidInputException(
          "Artifact Analysis: occurrence " + name + " has no resourceUri");
    }
    // Not an image (a Maven, npm, Python package): the parser skips it.
    if (ArtifactAnalysisOccurrences.parse(JsonNodeFactory.instance.arrayNode().add(occ.get()))
        .isEmpty()) {
      notes.add("occurrence " + name + " is not about a container image");
      return;
    }
    List<VulnerabilityReport> reports =
        ArtifactAnalysisOccurrences.parse(occurrences.occurrencesOf(occurrenceRef.account(), uri));
    for (VulnerabilityReport r : reports) {
      run.findings.addAll(pipeline.process(r.snapshot(time)));
    }
  }

  private void sweep(Instant time, List<Finding> findings, List<String> notes) {
    if (projects.isEmpty()) {
      notes.add("sweep: no projects are configured (CONTAINERWATCH_PROJECTS)");
      return;
    }
    SinkException failedWrite = null;
    for (String project : projects) {
      ClusterLoader.Listing listing;
      try {
        listing = clusters.clusters(project);
      } catch (LoadException e) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("project", project);
        fields.put("reason", e.getMessage());
        log.error("sweep: project could not be read; the others are swept", fields);
        notes.add("sweep: project " + project + " could not be read");
        continue;
      }
      if (!listing.unreachable().isEmpty()) {
        notes.add(
            "sweep: project " + project + ": locations not reached: " + listing.unreachable());
      }
      for (JsonNode document : listing.clusters()) {
        ResourceRef ref = ResourceDocuments.reference(ResourceType.GKE_CLUSTER, document);
        try {
          findings.addAll(pipeline.process(Snapshot.of(ref, document, time)));
        } catch (SinkException e) {
          failedWrite = failedWrite == null ? e : failedWrite;
        }
      }
    }
    if (failedWrite != null) {
      throw failedWrite;
    }
  }

  /** The project an Artifact Registry or Container Registry image is stored in. */
  static String projectOf(ImageRef image) {
    String first = image.repository().split("/", 2)[0];
    if (image.registry().endsWith("-docker.pkg.dev") || image.registry().endsWith("gcr.io")) {
      return first;
    }
    throw new InvalidInputException(image + " is not in Artifact Registry or Container Registry");
  }

  private Outcome rejected(
      String eventId, String eventType, String messageId, String family, InvalidInputException e) {
    Map<String, Object> fields = fields(eventId, eventType, family);
    fields.put("messageId", messageId);
    fields.put("outcome", "rejected");
    fields.put("reason", e.getMessage());
    log.warning("event rejected: " + e.getMessage(), fields);
    return new Outcome(Result.REJECTED, family, List.of(), List.of(e.getMessage()));
  }

  private void logOutcome(PubSubEnvelope envelope, Outcome outcome, int changes) {
    Map<String, Object> fields = fields(envelope.eventId(), envelope.eventType(), outcome.family());
    fields.put("messageId", envelope.message().messageId());
    fields.put("outcome", outcome.result().name().toLowerCase(java.util.Locale.ROOT));
    fields.put("changes", changes);
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    outcome.findings().forEach(f -> counts.merge(f.status(), 1, Integer::sum));
    fields.put("findings", counts);
    if (!outcome.notes().isEmpty()) {
      fields.put("notes", outcome.notes());
    }
    if (outcome.result() == Result.IGNORED) {
      log.info("event ignored: " + String.join("; ", outcome.notes()), fields);
    } else {
      log.info("event processed", fields);
    }
  }

  private static Map<String, Object> fields(String eventId, String eventType, String family) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("eventId", eventId);
    fields.put("eventType", eventType);
    fields.put("family", family);
    return fields;
  }
}
