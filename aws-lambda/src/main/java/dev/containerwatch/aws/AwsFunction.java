package dev.containerwatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.aws.events.AwsWork;
import dev.containerwatch.aws.events.CloudWatchLogsEvents;
import dev.containerwatch.aws.events.EventBridgeEvents;
import dev.containerwatch.aws.loaders.AwsClients;
import dev.containerwatch.aws.loaders.AwsResources;
import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.aws.loaders.EcrLoader;
import dev.containerwatch.aws.loaders.EksLoader;
import dev.containerwatch.aws.loaders.LazyCredentialsProvider;
import dev.containerwatch.aws.loaders.LazyHttpClient;
import dev.containerwatch.aws.loaders.SdkEcrLoader;
import dev.containerwatch.aws.loaders.SdkEksLoader;
import dev.containerwatch.aws.sinks.FindingsIndex;
import dev.containerwatch.aws.sinks.SecurityHubHttpClient;
import dev.containerwatch.aws.sinks.SecurityHubSink;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.documents.Json;
import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.kubernetes.KubernetesSnapshots;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.pipeline.Change;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.pipeline.Lazy;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.sources.EcrScanFindings;
import dev.containerwatch.webhook.WebhookSink;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * The function of one Lambda container: parses an event into {@link AwsWork}, loads what it names,
 * evaluates it and writes the findings to every sink. The three handlers are thin entry points onto
 * it; {@code cli replay} builds one with file-backed loaders and a collecting sink.
 *
 * <p>Outcomes, each logged as one JSON line:
 *
 * <ul>
 *   <li>a malformed or unsupported event: logged with the reason and acknowledged (never retried);
 *   <li>an event that needs nothing done (a failed CloudTrail call, another Config type):
 *       acknowledged;
 *   <li>a load that fails (throttled past the SDK's retries, access denied) or a write that finally
 *       fails: the exception escapes, the invocation fails and the platform retries the event.
 * </ul>
 */
public final class AwsFunction {
  private static final Lazy<AwsFunction> SHARED =
      new Lazy<>(
          () ->
              fromEnvironment(
                  System.getenv(),
                  new LazyHttpClient(UrlConnectionHttpClient::create),
                  new LazyCredentialsProvider(() -> DefaultCredentialsProvider.builder().build()),
                  AwsClients::standardRetries,
                  RetryPolicy.defaults(),
                  Retry.Sleeper.REAL,
                  Log.to(System.out),
                  null));

  private final EksLoader eks;
  private final EcrLoader ecr;
  private final FindingsPipeline pipeline;
  private final FindingsIndex index;
  private final SecurityHubSink securityHub;
  private final String region;
  private final Log log;

  /**
   * @param sinks where findings go; a sink that describes the resource from its document binds the
   *     snapshot ({@link FindingSink#forSnapshot})
   * @param index what the findings store knows (for sweeps and deletions of parents), or null
   * @param region the function's region
   */
  public AwsFunction(
      Catalog catalog,
      RuleEngine engine,
      EksLoader eks,
      EcrLoader ecr,
      List<FindingSink> sinks,
      FindingsIndex index,
      String region,
      Log log) {
    this.eks = eks;
    this.ecr = ecr;
    this.pipeline = new FindingsPipeline(engine, catalog, sinks);
    this.index = index;
    this.securityHub =
        (SecurityHubSink)
            sinks.stream().filter(SecurityHubSink.class::isInstance).findFirst().orElse(null);
    this.region = region;
    this.log = log;
  }

  /** The container's function, made from the environment on first use. */
  public static AwsFunction shared() {
    return SHARED.get();
  }

  /**
   * The function as the environment configures it. Nothing is called here: SDK clients are built
   * when an event first needs them.
   *
   * @param extraSink another sink next to Security Hub and the webhook ({@code cli replay}'s
   *     collector, tests), or null
   * @throws InvalidInputException when a setting or the configuration document is wrong
   */
  public static AwsFunction fromEnvironment(
      Map<String, String> env,
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      java.util.function.Supplier<software.amazon.awssdk.retries.api.RetryStrategy> retries,
      RetryPolicy sinkRetries,
      Retry.Sleeper sleeper,
      Log log,
      FindingSink extraSink) {
    AwsSettings settings = AwsSettings.fromEnvironment(env);
    Catalog catalog = Catalog.bundled();
    List<Rule> rules = Rules.all();
    Configuration configuration = new ConfigurationLoader(catalog, rules).fromEnvironment(env);
    RuleEngine engine = new RuleEngine(rules, configuration);
    AwsClients clients =
        new AwsClients(
            settings.region(),
            settings.account(),
            settings.crossAccountRole(),
            settings.externalId(),
            http,
            credentials,
            retries,
            settings.endpoint());
    SecurityHubSink securityHub =
        new SecurityHubSink(
            new SecurityHubHttpClient(
                http, credentials, settings.securityHubEndpoint(), sinkRetries, sleeper),
            clients::ownAccount,
            catalog.version(),
            settings.region(),
            sinkRetries,
            sleeper);
    WebhookSink webhook = WebhookSink.fromEnvironment(env, HttpClient.newHttpClient());
    List<FindingSink> sinks = new ArrayList<>();
    sinks.add(securityHub);
    if (webhook != null) {
      sinks.add(webhook);
    }
    if (extraSink != null) {
      sinks.add(extraSink);
    }
    return new AwsFunction(
        catalog,
        engine,
        new SdkEksLoader(clients),
        new SdkEcrLoader(clients),
        sinks,
        securityHub,
        settings.region(),
        log);
  }

  // ---- entry points ----

  /**
   * One EventBridge event, as the Lambda runtime hands over its bytes. Its Security Hub writes are
   * imported together at the end; one that finally fails fails the invocation.
   */
  public ObjectNode onEventBridge(byte[] event) {
    try (SecurityHubSink.Held held = hold()) {
      ObjectNode answer = eventBridge(event);
      flush(held, "EventBridge event");
      return answer;
    }
  }

  private ObjectNode eventBridge(byte[] event) {
    JsonNode json;
    try {
      json = Json.read(event);
    } catch (IOException e) {
      return rejected(
          "EventBridge event",
          "not valid JSON: " + InvalidInputException.firstLine(e.getMessage()));
    }
    if (json == null || !json.isObject()) {
      return rejected("EventBridge event", "not a JSON object");
    }
    String label =
        json.path("source").asText("?")
            + "/"
            + json.path("detail-type").asText("?")
            + " "
            + json.path("id").asText("");
    AwsWork work;
    try {
      work = EventBridgeEvents.parse(json);
    } catch (InvalidInputException e) {
      return rejected(label, e.getMessage());
    }
    return run(label, work);
  }

  /**
   * One CloudWatch Logs subscription event: the findings of all its log events imported together.
   */
  public ObjectNode onCloudWatchLogs(byte[] event) {
    try (SecurityHubSink.Held held = hold()) {
      ObjectNode answer = cloudWatchLogs(event);
      flush(held, "CloudWatch Logs event");
      return answer;
    }
  }

  private ObjectNode cloudWatchLogs(byte[] event) {
    JsonNode json;
    try {
      json = Json.read(event);
    } catch (IOException e) {
      return rejected(
          "CloudWatch Logs event",
          "not valid JSON: " + InvalidInputException.firstLine(e.getMessage()));
    }
    AwsWork work;
    try {
      work = CloudWatchLogsEvents.parse(json, region);
    } catch (InvalidInputException e) {
      return rejected("CloudWatch Logs event", e.getMessage());
    }
    return run("CloudWatch Logs " + (work.change() == null ? "" : work.change().eventId()), work);
  }

  /**
   * An SQS batch of EventBridge events. A malformed or unsupported message is logged and
   * acknowledged; a message whose processing fails (load or write) is reported in {@code
   * batchItemFailures}, so that SQS redelivers it alone. The Security Hub writes of all the
   * messages are imported together once every message is evaluated (at most 100 findings and 6 MB a
   * request); a finding that finally fails reports exactly the messages it came from.
   */
  public ObjectNode onSqs(byte[] batch) {
    try (SecurityHubSink.Held held = hold()) {
      Map<String, String> bodies = new HashMap<>();
      ObjectNode response = sqs(batch, held, bodies);
      if (held != null) {
        SecurityHubSink.Result result = held.flush();
        ArrayNode failures = (ArrayNode) response.get("batchItemFailures");
        Set<String> reported = new HashSet<>();
        failures.forEach(f -> reported.add(f.path("itemIdentifier").asText()));
        for (String messageId : result.failedOwners()) {
          if (messageId.isEmpty()) {
            // A message without an id cannot be reported alone: the whole batch is retried.
            logFailedWrite("SQS batch", result);
            result.throwIfFailed();
          }
          if (reported.add(messageId)) {
            failures.addObject().put("itemIdentifier", messageId);
            logFailedWrite(
                "SQS message " + messageId + " " + labelOf(bodies.get(messageId)), result);
          }
        }
      }
      return response;
    }
  }

  private SecurityHubSink.Held hold() {
    return securityHub == null ? null : securityHub.hold();
  }

  private void flush(SecurityHubSink.Held held, String what) {
    if (held == null) {
      return;
    }
    SecurityHubSink.Result result = held.flush();
    if (!result.failures().isEmpty()) {
      logFailedWrite(what, result);
      result.throwIfFailed();
    }
  }

  private void logFailedWrite(String what, SecurityHubSink.Result result) {
    log.error("failed; the event will be retried")
        .put("event", what)
        .put("error", "SinkException")
        .put("reason", InvalidInputException.firstLine(String.join("; ", result.failures())))
        .write();
  }

  /** How logs name an EventBridge event given as text. */
  private static String labelOf(String event) {
    try {
      JsonNode json = Json.read(event == null ? "" : event);
      return json.path("source").asText("?")
          + "/"
          + json.path("detail-type").asText("?")
          + " "
          + json.path("id").asText("");
    } catch (IOException e) {
      return "";
    }
  }

  private ObjectNode sqs(byte[] batch, SecurityHubSink.Held held, Map<String, String> bodies) {
    ObjectNode response = JsonNodeFactory.instance.objectNode();
    ArrayNode failures = response.putArray("batchItemFailures");
    JsonNode json;
    try {
      json = Json.read(batch);
    } catch (IOException e) {
      rejected("SQS batch", "not valid JSON: " + InvalidInputException.firstLine(e.getMessage()));
      return response;
    }
    if (json == null || !json.path("Records").isArray()) {
      rejected("SQS batch", "no Records array");
      return response;
    }
    for (JsonNode record : json.get("Records")) {
      String messageId = record.path("messageId").asText("");
      if (!record.path("body").isTextual()) {
        rejected("SQS message " + messageId, "no body");
        continue;
      }
      if (held != null) {
        held.owner(messageId);
      }
      bodies.put(messageId, record.get("body").textValue());
      try {
        eventBridge(
            record.get("body").textValue().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      } catch (RuntimeException e) {
        if (messageId.isEmpty()) {
          throw e;
        }
        failures.addObject().put("itemIdentifier", messageId);
      }
    }
    return response;
  }

  // ---- the work ----

  private ObjectNode run(String label, AwsWork work) {
    try {
      ObjectNode result = execute(work);
      Log.Line line = log.info(result.path("outcome").asText()).put("event", label);
      result.properties().forEach(e -> line.node().set(e.getKey(), e.getValue()));
      line.write();
      return result;
    } catch (InvalidInputException e) {
      return rejected(label, e.getMessage());
    } catch (RuntimeException e) {
      log.error("failed; the event will be retried")
          .put("event", label)
          .put("error", e.getClass().getSimpleName())
          .put("reason", InvalidInputException.firstLine(String.valueOf(e.getMessage())))
          .write();
      throw e;
    }
  }

  private ObjectNode rejected(String what, String reason) {
    log.warn("rejected").put("event", what).put("reason", reason).write();
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("outcome", "rejected");
    result.put("reason", reason);
    return result;
  }

  private ObjectNode execute(AwsWork work) {
    Counts counts = new Counts();
    String what;
    if (work instanceof AwsWork.Ignore) {
      ObjectNode result = JsonNodeFactory.instance.objectNode();
      result.put("outcome", "ignored");
      result.put("reason", ((AwsWork.Ignore) work).reason());
      return result;
    } else if (work instanceof AwsWork.Cluster) {
      what = "cluster";
      cluster((AwsWork.Cluster) work, counts);
    } else if (work instanceof AwsWork.Repository) {
      what = "repository";
      repository((AwsWork.Repository) work, counts);
    } else if (work instanceof AwsWork.Registry) {
      what = "registry";
      AwsWork.Registry r = (AwsWork.Registry) work;
      for (JsonNode repository : ecr.repositories(r.scope())) {
        evaluate(repositorySnapshot(r.scope(), repository, r.change().time()), counts);
      }
    } else if (work instanceof AwsWork.Image) {
      what = "image";
      image((AwsWork.Image) work, counts);
    } else if (work instanceof AwsWork.KubernetesObjects) {
      what = "kubernetes";
      kubernetes((AwsWork.KubernetesObjects) work, counts);
    } else if (work instanceof AwsWork.Sweep) {
      what = "sweep";
      sweep((AwsWork.Sweep) work, counts);
    } else {
      throw new IllegalStateException("unknown work " + work);
    }
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("outcome", "processed");
    result.put("work", what);
    if (work.change() != null && work.change().resource() != null) {
      result.put("resource", work.change().resource().id());
    }
    result.put("evaluated", counts.evaluated);
    result.put("findings", counts.findings);
    result.put("deleted", counts.deleted);
    if (!counts.notes.isEmpty()) {
      ArrayNode notes = result.putArray("notes");
      counts.notes.forEach(notes::add);
    }
    return result;
  }

  /** What one piece of work did, for the log line and the handler's answer. */
  private static final class Counts {
    int evaluated;
    int findings;
    int deleted;
    final List<String> notes = new ArrayList<>();
  }

  private void cluster(AwsWork.Cluster w, Counts counts) {
    Instant time = w.change().time();
    ResourceRef ref = AwsResources.eksCluster(w.scope(), w.name());
    if (w.change().kind() == Change.Kind.DELETE) {
      deleteCluster(w.scope(), ref, time, counts);
      return;
    }
    JsonNode doc =
        w.document() != null ? w.document() : eks.cluster(w.scope(), w.name()).orElse(null);
    if (doc == null) {
      counts.notes.add("cluster " + w.name() + " does not exist: its findings are archived");
      deleteCluster(w.scope(), ref, time, counts);
      return;
    }
    evaluate(clusterSnapshot(w.scope(), w.name(), doc, time), counts);
  }

  private Snapshot clusterSnapshot(AwsScope scope, String name, JsonNode doc, Instant time) {
    ResourceRef ref;
    try {
      ref = ResourceDocuments.reference(ResourceType.EKS_CLUSTER, doc);
    } catch (InvalidInputException e) {
      ref = AwsResources.eksCluster(scope, name);
    }
    return Snapshot.of(ref, doc, time)
        .with(Evidence.NODE_GROUPS, eks.nodegroups(scope, name))
        .with(Evidence.ADDONS, eks.addons(scope, name));
  }

  private void deleteCluster(AwsScope scope, ResourceRef cluster, Instant time, Counts counts) {
    if (index != null) {
      for (ResourceRef object :
          index.activeResources(scope, AwsResources.objectsOf(cluster.id()))) {
        deleted(object, time, counts);
      }
    }
    deleted(cluster, time, counts);
  }

  private void repository(AwsWork.Repository w, Counts counts) {
    Instant time = w.change().time();
    ResourceRef ref = AwsResources.ecrRepository(w.scope(), w.name());
    if (w.change().kind() == Change.Kind.DELETE) {
      deleteRepository(w.scope(), w.name(), ref, time, counts);
      return;
    }
    JsonNode doc =
        w.document() != null ? w.document() : ecr.repository(w.scope(), w.name()).orElse(null);
    if (doc == null) {
      counts.notes.add("repository " + w.name() + " does not exist: its findings are archived");
      deleteRepository(w.scope(), w.name(), ref, time, counts);
      return;
    }
    evaluate(repositorySnapshot(w.scope(), doc, time), counts);
  }

  private static Snapshot repositorySnapshot(AwsScope scope, JsonNode doc, Instant time) {
    String name = doc.path("repositoryName").asText("");
    return Snapshot.of(AwsResources.ecrRepository(scope, name), doc, time);
  }

  private void deleteRepository(
      AwsScope scope, String name, ResourceRef repository, Instant time, Counts counts) {
    if (index != null) {
      for (ResourceRef image : index.activeResources(scope, AwsResources.imagesOf(scope, name))) {
        deleted(image, time, counts);
      }
    }
    deleted(repository, time, counts);
  }

  private void image(AwsWork.Image w, Counts counts) {
    Instant time = w.change().time();
    ImageRef image = w.image();
    ResourceRef ref = AwsResources.image(image);
    switch (w.change().kind()) {
      case DELETE:
        deleted(ref, time, counts);
        return;
      case IMAGE_PUSH:
        {
          Optional<JsonNode> scanning = ecr.scanningConfiguration(w.scope(), image.repository());
          if (scanning.isEmpty()) {
            counts.notes.add(
                "repository " + image.repository() + " does not exist: nothing to evaluate");
            return;
          }
          JsonNode config = scanning.get();
          boolean manual =
              config.path("scanFrequency").asText("").equals("MANUAL")
                  && !config.path("scanOnPush").asBoolean(false);
          VulnerabilityReport report =
              new VulnerabilityReport(
                  image,
                  Scanner.NONE,
                  null,
                  manual ? ScanState.NOT_SCANNED : ScanState.PENDING,
                  manual
                      ? "the repository scans only on request (scanFrequency MANUAL, scanOnPush false)"
                      : "pushed at "
                          + time
                          + "; scanFrequency "
                          + config.path("scanFrequency").asText("?"),
                  List.of(),
                  Map.of());
          evaluate(report.snapshot(time), counts);
          return;
        }
      case SCAN_COMPLETE:
        {
          EcrLoader.ScanFindings found =
              ecr.imageScanFindings(w.scope(), image.repository(), image.digest());
          List<VulnerabilityReport> reports;
          switch (found.result()) {
            case FOUND:
              reports = EcrScanFindings.parse(found.response(), w.scope().region());
              break;
            case IMAGE_NOT_FOUND:
              counts.notes.add("image " + image + " no longer exists: its findings are archived");
              deleted(ref, time, counts);
              return;
            default:
              reports = w.carried();
              counts.notes.add(
                  "no scan findings to read for " + image + ": the event's own result is used");
          }
          if (reports.isEmpty()) {
            counts.notes.add("no scan result for " + image);
            return;
          }
          for (VulnerabilityReport report : reports) {
            evaluate(report.snapshot(time), counts);
          }
          return;
        }
      default:
        throw new IllegalStateException("image change " + w.change().kind());
    }
  }

  private void kubernetes(AwsWork.KubernetesObjects w, Counts counts) {
    for (AwsWork.KubernetesChange c : w.objects()) {
      Instant time = c.time() != null ? c.time() : w.change().time();
      if (c.object() == null) {
        deleted(AwsResources.kubernetesObject(c.deletedId()), time, counts);
      } else {
        evaluate(KubernetesSnapshots.of(w.clusterArn(), c.object(), time), counts);
      }
    }
    if (!w.skipped().isEmpty()) {
      counts.notes.add(w.skipped().size() + " audit event(s) skipped, e.g. " + w.skipped().get(0));
    }
  }

  /**
   * Evaluates every cluster and repository of the account in the region, then archives the findings
   * of resources that no longer exist: the store's active resources of the account and region
   * (Security Hub {@code GetFindings} by product, region, record state and the {@code
   * containerwatch/ResourceAccount} product field) that are not among them: clusters and
   * repositories not listed, images whose repository is gone or no longer has their digest, and
   * Kubernetes objects of clusters that are gone. Kubernetes objects of live clusters are left to
   * the audit log (the function does not read the cluster's API).
   */
  private void sweep(AwsWork.Sweep w, Counts counts) {
    AwsScope scope = w.scope();
    Instant time = w.change().time();
    Set<String> clusters = new HashSet<>();
    for (String name : eks.clusterNames(scope)) {
      Optional<JsonNode> doc = eks.cluster(scope, name);
      if (doc.isEmpty()) {
        continue;
      }
      clusters.add(scope.eksClusterArn(name));
      evaluate(clusterSnapshot(scope, name, doc.get(), time), counts);
    }
    Set<String> repositories = new HashSet<>();
    for (JsonNode repository : ecr.repositories(scope)) {
      repositories.add(repository.path("repositoryName").asText());
      evaluate(repositorySnapshot(scope, repository, time), counts);
    }
    if (index == null) {
      return;
    }
    Map<String, Optional<Set<String>>> digests = new HashMap<>();
    for (ResourceRef known : index.activeResources(scope, null)) {
      boolean stale;
      switch (known.type()) {
        case EKS_CLUSTER:
          stale = !clusters.contains(known.id());
          break;
        case ECR_REPOSITORY:
          stale = !repositories.contains(known.name());
          break;
        case KUBERNETES_OBJECT:
          stale = !clusters.contains(AwsResources.clusterIdOf(known.id()));
          break;
        case IMAGE_SCAN:
          stale = staleImage(scope, known, repositories, digests);
          break;
        default:
          stale = false;
      }
      if (stale) {
        deleted(known, time, counts);
      }
    }
  }

  private boolean staleImage(
      AwsScope scope,
      ResourceRef known,
      Set<String> repositories,
      Map<String, Optional<Set<String>>> digests) {
    ImageRef image;
    try {
      image = ImageRef.parse(known.id());
    } catch (InvalidInputException e) {
      return false;
    }
    if (!AwsResources.ecrScope(image).map(scope::equals).orElse(false) || image.digest() == null) {
      return false;
    }
    if (!repositories.contains(image.repository())) {
      return true;
    }
    Optional<Set<String>> present =
        digests.computeIfAbsent(image.repository(), r -> ecr.imageDigests(scope, r));
    return present.map(d -> !d.contains(image.digest())).orElse(true);
  }

  private void evaluate(Snapshot snapshot, Counts counts) {
    List<Finding> findings = pipeline.process(snapshot);
    counts.evaluated++;
    counts.findings += findings.size();
  }

  private void deleted(ResourceRef resource, Instant time, Counts counts) {
    pipeline.deleted(resource, time);
    counts.deleted++;
  }
}
