package dev.containerwatch.gcp;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.ScenarioMappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Google's APIs on WireMock, answering from the sample resources ({@code
 * events-samples/gcp/resources}, laid out as the API paths): GKE clusters.get and clusters.list,
 * Container Analysis occurrences.get and occurrences.list (by resourceUrl), Cloud Storage media
 * downloads, and Security Command Center (UpdateFinding echoes the finding; setState answers the
 * finding). A runtime built on it talks to it through the real clients, without credentials.
 *
 * <p>A test class shares one: {@code @RegisterExtension static final FakeGoogle google = new
 * FakeGoogle();} starts it, resets it before each test and stops it after the last.
 */
final class FakeGoogle implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
  static final Path SAMPLES = findSamples();
  static final Path RESOURCES = SAMPLES.resolve("resources");
  static final String ORG = "582019374625";
  static final String SOURCE = "organizations/" + ORG + "/sources/7241935786402716215";
  static final String BUCKET = "nordwind-scan-reports";
  static final String DOCKERHUB_TOKEN = "dh-7Qv2xLmN9pRt4KzW8sYc3Fb6";
  static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
  static final Path GOLDEN = Path.of("src/test/resources/golden");

  private static final ObjectMapper JSON = new ObjectMapper();

  final StatefulScc scc = new StatefulScc();
  final WireMockServer server;
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  /** The monotonic time the runtime's SCC sink reads: it moves only when a wait is recorded. */
  final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();

  final List<String> logLines = new CopyOnWriteArrayList<>();

  FakeGoogle() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").extensions(scc));
    server.start();
    reset();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Forgets requests and stubs, and serves the sample resources again. */
  void reset() {
    server.resetAll();
    sleeps.clear();
    scc.clear();
    nanos.set(0);
    logLines.clear();
    stubResources();
    stubSecurityCenter();
  }

  String url() {
    return "http://127.0.0.1:" + server.port();
  }

  Map<String, String> env() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("CONTAINERWATCH_SCC_SOURCE", SOURCE);
    env.put("CONTAINERWATCH_PROJECTS", "nordwind-shop-prod,nordwind-payments-prod");
    env.put("CONTAINERWATCH_GCP_CREDENTIALS", "none");
    env.put("CONTAINERWATCH_CONTAINER_ENDPOINT", url());
    env.put("CONTAINERWATCH_SCC_ENDPOINT", url());
    env.put("CONTAINERWATCH_CONTAINERANALYSIS_ENDPOINT", url());
    env.put("CONTAINERWATCH_STORAGE_ENDPOINT", url());
    env.put("CONTAINERWATCH_SCAN_REPORTS", "gs://" + BUCKET + "/reports");
    env.put("CONTAINERWATCH_DOCKERHUB_TOKEN", DOCKERHUB_TOKEN);
    env.put(
        "CONTAINERWATCH_ADMISSION_CLUSTER",
        "projects/nordwind-shop-prod/locations/us-central1/clusters/checkout-usc1");
    return env;
  }

  /** A runtime on this fake: retries wait for nothing (the waits are recorded), fixed clock. */
  GcpRuntime runtime(Map<String, String> env) {
    return new GcpRuntime(
        env,
        HttpClient.newHttpClient(),
        new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10)),
        sleeper(),
        Clock.fixed(NOW, ZoneOffset.UTC),
        new Log(logLines::add),
        dev.containerwatch.webhook.WebhookSink::fromEnvironment,
        nanos::get);
  }

  /** Records each wait, and moves {@link #nanos} on by it. */
  Retry.Sleeper sleeper() {
    return d -> {
      sleeps.add(d);
      nanos.addAndGet(d.toNanos());
    };
  }

  /** An answer to a request that wins over the sample routes. */
  void override(MappingBuilder request, ResponseDefinitionBuilder response) {
    server.stubFor(request.atPriority(0).willReturn(response));
  }

  /**
   * One step of a scenario that wins over the sample routes: in {@code state} (the first one is
   * {@code Scenario.STARTED}) the request gets {@code response}, then the scenario moves to {@code
   * next} (null: it stays).
   */
  void overrideInScenario(
      MappingBuilder request,
      String scenario,
      String state,
      ResponseDefinitionBuilder response,
      String next) {
    ScenarioMappingBuilder step =
        request.atPriority(0).inScenario(scenario).whenScenarioStateIs(state).willReturn(response);
    server.stubFor(next == null ? step : step.willSetStateTo(next));
  }

  /** Serves Security Command Center from a store that keeps its findings ({@link StatefulScc}). */
  void statefulScc() {
    server.stubFor(
        any(urlPathMatching("/v1/organizations/" + ORG + "/sources/[0-9]+/findings.*"))
            .atPriority(1)
            .willReturn(aResponse().withTransformers(StatefulScc.NAME)));
  }

  /** An error as Google's APIs answer one: {@code {"error": {"code", "message", "status"}}}. */
  static ResponseDefinitionBuilder error(int code, String status, String message) {
    return aResponse()
        .withStatus(code)
        .withHeader("Content-Type", "application/json")
        .withBody(
            "{\"error\":{\"code\":"
                + code
                + ",\"message\":\""
                + message
                + "\",\"status\":\""
                + status
                + "\"}}");
  }

  /** The samples of a folder: every {@code .json} but the {@code .expected.json} ones, sorted. */
  static Stream<Path> samples(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s
          .filter(p -> p.toString().endsWith(".json"))
          .filter(p -> !p.toString().endsWith(".expected.json"))
          .sorted()
          .toList()
          .stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A sample's name: its file name without {@code .json}. */
  static String name(Path sample) {
    return sample.getFileName().toString().replaceFirst("\\.json$", "");
  }

  /** A sample event of {@code events-samples/gcp} by name. */
  static JsonNode sample(String name) {
    return readFile(SAMPLES.resolve(name + ".json"));
  }

  /** Delivers a sample the way the Functions Framework hands a binary-mode CloudEvent over. */
  static PubSubHandler.Outcome deliver(PubSubHandler handler, JsonNode event) throws IOException {
    return handler.handle(
        event.path("id").asText(),
        event.path("type").asText(),
        event.path("source").asText(),
        Instant.parse(event.path("time").asText()),
        JSON.writeValueAsBytes(event.path("data")));
  }

  /** A sample of {@code events-samples/gcp}, by name, through a runtime's Pub/Sub handler. */
  static PubSubHandler.Outcome deliver(GcpRuntime runtime, String sample) throws IOException {
    return deliver(runtime.pubSub(), sample(sample));
  }

  /** The log lines, parsed. */
  List<JsonNode> logs() {
    List<JsonNode> out = new ArrayList<>();
    for (String l : logLines) {
      out.add(read(l));
    }
    return out;
  }

  /** The writes made to Security Command Center, in a stable order. */
  ArrayNode sccRequests() {
    return requests(
        e ->
            e.getRequest().getUrl().startsWith("/v1/organizations/")
                && !e.getRequest().getMethod().getName().equals("GET"));
  }

  /** The reads ({@code ListFindings}) made to Security Command Center, in a stable order. */
  ArrayNode sccReads() {
    return requests(
        e ->
            e.getRequest().getUrl().startsWith("/v1/organizations/")
                && e.getRequest().getMethod().getName().equals("GET"));
  }

  ArrayNode requests(java.util.function.Predicate<ServeEvent> which) {
    List<ObjectNode> out = new ArrayList<>();
    for (ServeEvent e : server.getAllServeEvents()) {
      if (!which.test(e)) {
        continue;
      }
      ObjectNode r = JsonNodeFactory.instance.objectNode();
      r.put("method", e.getRequest().getMethod().getName());
      r.put("url", e.getRequest().getUrl());
      String override = e.getRequest().getHeader("X-HTTP-Method-Override");
      if (override != null) {
        r.put("methodOverride", override);
      }
      String body = e.getRequest().getBodyAsString();
      if (body != null && !body.isEmpty()) {
        r.set("body", read(body));
      }
      out.add(r);
    }
    out.sort(Comparator.comparing(JsonNode::toString));
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    out.forEach(array::add);
    return array;
  }

  private void stubSecurityCenter() {
    // ListFindings of a resource: none stored (tests of ordering serve a stateful store instead)
    server.stubFor(
        get(urlPathMatching("/v1/organizations/" + ORG + "/sources/[0-9]+/findings"))
            .willReturn(okJson("{}")));
    server.stubFor(
        any(urlPathMatching("/v1/organizations/" + ORG + "/sources/[0-9]+/findings/[0-9a-f]{32}"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{{{request.body}}}")
                    .withTransformers("response-template")));
    server.stubFor(
        any(urlPathMatching(
                "/v1/organizations/" + ORG + "/sources/[0-9]+/findings/[0-9a-f]{32}:setState"))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json")
                    .withBody("{\"name\":\"{{request.path.[0]}}\",\"state\":\"INACTIVE\"}")
                    .withTransformers("response-template")));
  }

  private void stubResources() {
    Map<String, ArrayNode> clustersByProject = new TreeMap<>();
    for (Path file : files(RESOURCES.resolve("container/v1"))) {
      String rel = RESOURCES.resolve("container/v1").relativize(file).toString();
      String path = "/v1/" + rel.replaceFirst("\\.json$", "");
      JsonNode body = readFile(file);
      server.stubFor(get(urlPathEqualTo(path)).willReturn(okJson(body.toString())));
      String project = rel.split("/")[1];
      clustersByProject
          .computeIfAbsent(project, p -> JsonNodeFactory.instance.arrayNode())
          .add(body);
    }
    clustersByProject.forEach(
        (project, clusters) -> {
          ObjectNode list = JsonNodeFactory.instance.objectNode();
          list.set("clusters", clusters);
          server.stubFor(
              get(urlPathEqualTo("/v1/projects/" + project + "/locations/-/clusters"))
                  .willReturn(okJson(list.toString())));
        });
    Path analysis = RESOURCES.resolve("containeranalysis/v1");
    // An image nobody has reported on yet: an empty page (proto3 JSON leaves out the empty list).
    server.stubFor(
        get(urlPathMatching("/v1/projects/[^/]+/occurrences"))
            .atPriority(10)
            .willReturn(okJson("{}")));
    for (Path file : files(analysis)) {
      String rel = analysis.relativize(file).toString().replaceFirst("\\.json$", "");
      String[] parts = rel.split("/", 4);
      if (parts.length == 4 && parts[2].equals("occurrences")) {
        server.stubFor(
            get(urlPathEqualTo("/v1/" + rel)).willReturn(okJson(readFile(file).toString())));
      } else if (parts.length == 4 && parts[2].equals("occurrences-by-resource")) {
        String uri = "https://" + parts[3].replace("/sha256-", "@sha256:");
        server.stubFor(
            get(urlPathEqualTo("/v1/projects/" + parts[1] + "/occurrences"))
                .withQueryParam("filter", equalTo("resourceUrl=\"" + uri + "\""))
                .atPriority(1)
                .willReturn(okJson(readFile(file).toString())));
      }
    }
    Path reports = RESOURCES.resolve("scan-reports");
    for (Path file : files(reports)) {
      String object = "reports/" + reports.relativize(file);
      server.stubFor(
          get(urlEqualTo(
                  "/storage/v1/b/"
                      + BUCKET
                      + "/o/"
                      + URLEncoder.encode(object, StandardCharsets.UTF_8).replace("+", "%20")
                      + "?alt=media"))
              .willReturn(okJson(readFile(file).toString())));
    }
  }

  static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode readFile(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findSamples() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.isDirectory(dir.resolve("events-samples/gcp"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException("events-samples/gcp not found above the working directory");
    }
    return dir.resolve("events-samples/gcp");
  }

  @Override
  public void close() {
    server.stop();
  }
}
