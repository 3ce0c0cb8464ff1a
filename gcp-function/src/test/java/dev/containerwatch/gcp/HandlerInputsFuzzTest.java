package dev.containerwatch.gcp;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.google.container.v1.Cluster;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.gcp.loaders.ClusterDocuments;
import dev.containerwatch.gcp.loaders.ClusterLoader;
import dev.containerwatch.gcp.loaders.ContainerAnalysisLoader;
import dev.containerwatch.gcp.loaders.DirectoryScanReportSource;
import dev.containerwatch.gcp.loaders.OccurrenceLoader;
import dev.containerwatch.gcp.loaders.ScanReportNames;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.FindingsPipeline;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.Fuzzing;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubWebhook;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * What the handlers read from outside, fuzzed through the real handlers with in-memory loaders and
 * a sink that keeps nothing: HTTP webhook bodies, and the answers of the APIs the loaders read (GKE
 * clusters through the client's proto3 JSON, Artifact Analysis occurrences and list pages, scan
 * reports). The contract: an answer or a rejection naming the problem, never another exception.
 * Seeds: {@code events-samples/gcp/http} and {@code events-samples/gcp/resources}.
 */
class HandlerInputsFuzzTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-30T08:00:00Z"), ZoneOffset.UTC);
  private static final String TOKEN = "dh-7Qv2xLmN9pRt4KzW8sYc3Fb6";
  private static final Catalog CATALOG = Catalog.bundled();
  private static final Configuration CONFIGURATION =
      new ConfigurationLoader(CATALOG, Rules.all()).defaults();
  private static final FindingsPipeline PIPELINE =
      new FindingsPipeline(
          new RuleEngine(GcpRuntime.rules(CATALOG), CONFIGURATION), CATALOG, List.of(new NoSink()));
  private static final WebhookHandler WEBHOOKS =
      new WebhookHandler(
          PIPELINE,
          CONFIGURATION,
          new DockerHubWebhook(TOKEN),
          new DirectoryScanReportSource(FakeGoogle.RESOURCES.resolve("scan-reports")),
          "projects/nordwind-shop-prod/locations/us-central1/clusters/checkout-usc1",
          new Log(line -> {}),
          CLOCK);

  /** Events whose handling reads a cluster from the API. */
  private static final List<String> CLUSTER_EVENTS =
      List.of("asset-nodepool-created", "audit-cluster-update");

  /** Events whose handling reads occurrences from Artifact Analysis. */
  private static final List<String> OCCURRENCE_EVENTS =
      List.of("occurrence-vulnerability", "gcr-insert-scanned", "audit-k8s-deployment-create");

  private static final Map<String, JsonNode> SAMPLES = samples();

  /** The Docker Hub webhook's body, with the right token. */
  @Timeout(10)
  @FuzzTest
  void dockerHubRequest(byte[] body) {
    answered(WEBHOOKS.handle("POST", "/dockerhub", q -> Optional.of(TOKEN), body));
  }

  /** The admission webhook's body (an AdmissionReview). */
  @Timeout(10)
  @FuzzTest
  void admissionRequest(byte[] body) {
    answered(WEBHOOKS.handle("POST", "/admission", q -> Optional.empty(), body));
  }

  /**
   * A {@code clusters.get} answer: what the HTTP/JSON client parses (proto3 JSON into a {@code
   * Cluster}; what it cannot parse the loader reports as a failed read), converted back to the
   * canonical document and evaluated; and the same bytes as a document read from a file.
   */
  @Timeout(10)
  @FuzzTest
  void clusterAnswer(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Cluster.Builder cluster = Cluster.newBuilder();
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(text, cluster);
      JsonNode document = ClusterDocuments.toJson(cluster.build());
      for (String event : CLUSTER_EVENTS) {
        handled(handler(clusters(document), null), event);
      }
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      if (!(e instanceof InvalidProtocolBufferException)
          && !(e.getCause() instanceof InvalidProtocolBufferException)) {
        throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
      }
    }
    JsonNode raw = Fuzzing.json(data);
    if (raw != null) {
      for (String event : CLUSTER_EVENTS) {
        handled(handler(clusters(raw), null), event);
      }
    }
  }

  /**
   * Artifact Analysis answers: the same JSON as the {@code occurrences.get} answer and as an {@code
   * occurrences.list} page, read by the loader's page reader.
   */
  @Timeout(10)
  @FuzzTest
  void occurrenceAnswers(byte[] data) {
    JsonNode answer = Fuzzing.json(data);
    if (answer == null) {
      return;
    }
    OccurrenceLoader loader =
        new OccurrenceLoader() {
          @Override
          public Optional<JsonNode> occurrence(String name) {
            return Optional.of(answer);
          }

          @Override
          public JsonNode occurrencesOf(String project, String resourceUri) {
            ArrayNode all = JsonNodeFactory.instance.arrayNode();
            ContainerAnalysisLoader.readPage(answer, all);
            return all;
          }
        };
    for (String event : OCCURRENCE_EVENTS) {
      handled(handler(null, loader), event);
    }
  }

  /** A scan report read from the report bucket, for a Docker Hub image. */
  @Timeout(10)
  @FuzzTest
  void scanReport(byte[] data) {
    JsonNode document = Fuzzing.json(data);
    if (document != null) {
      Fuzzing.parser(
          () -> ScanReportNames.reportOf(ImageRef.parse("nordwind/storefront:5.3.0"), document));
    }
  }

  private static PubSubHandler handler(ClusterLoader clusters, OccurrenceLoader occurrences) {
    return new PubSubHandler(
        PIPELINE, clusters, occurrences, List.of(), new Log(line -> {}), CLOCK);
  }

  private static ClusterLoader clusters(JsonNode document) {
    return new ClusterLoader() {
      @Override
      public Optional<JsonNode> cluster(ResourceRef cluster) {
        return Optional.of(ClusterDocuments.withSelfLink(document, cluster));
      }

      @Override
      public Listing clusters(String project) {
        return new Listing(List.of(document), List.of());
      }
    };
  }

  /** The handler answers: processed, ignored or rejected with one bounded line. */
  private static void handled(PubSubHandler handler, String sample) {
    try {
      PubSubHandler.Outcome outcome = FakeGoogle.deliver(handler, SAMPLES.get(sample));
      if (outcome.result() == PubSubHandler.Result.REJECTED) {
        Fuzzing.checkMessage(new InvalidInputException(outcome.notes().get(0)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final Set<Integer> WEBHOOK_STATUSES = Set.of(200, 400, 401, 413);

  private static void answered(WebhookHandler.Response r) {
    if (!WEBHOOK_STATUSES.contains(r.status())) {
      throw new AssertionError("webhook answered " + r.status() + ": " + r.body());
    }
    if (Fuzzing.json(r.body().getBytes(StandardCharsets.UTF_8)) == null) {
      throw new AssertionError("webhook answer is not JSON: " + r.body());
    }
    if (r.status() == 400) {
      String error = Fuzzing.json(r.body().getBytes(StandardCharsets.UTF_8)).path("error").asText();
      Fuzzing.checkMessage(new InvalidInputException(error));
    }
  }

  private static Map<String, JsonNode> samples() {
    Map<String, JsonNode> out = new java.util.HashMap<>();
    for (String s : CLUSTER_EVENTS) {
      out.put(s, FakeGoogle.sample(s));
    }
    for (String s : OCCURRENCE_EVENTS) {
      out.put(s, FakeGoogle.sample(s));
    }
    return Map.copyOf(out);
  }

  /** Keeps nothing: the fuzz tests check what reaches a sink is made without failing. */
  private static final class NoSink implements FindingSink {
    @Override
    public void write(List<Finding> findings) {}

    @Override
    public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {}

    @Override
    public String name() {
      return "none";
    }
  }
}
