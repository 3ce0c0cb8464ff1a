package dev.containerwatch.azure.testing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * ARM, Defender for Cloud, Resource Graph and Blob storage on WireMock, answering from {@code
 * events-samples/azure/resources/arm-routes.json}: each route only with the pinned api-version and
 * the fake bearer token, ARM ids matched without case as ARM does. Defender's assessment and
 * metadata PUTs and DELETEs are accepted with the bodies the 2021-06-01 API returns; anything else
 * is ARM's 404.
 *
 * <p>A test class shares one: {@code @RegisterExtension static final FakeAzure azure = new
 * FakeAzure();} starts it, resets it before each test and stops it after the last.
 */
public final class FakeAzure implements AutoCloseable, BeforeEachCallback, AfterAllCallback {
  public static final String ARM_TOKEN = "fake-arm-token";
  public static final String STORAGE_TOKEN = "fake-storage-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server;

  public FakeAzure() {
    server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    reset();
    warmUp();
  }

  /**
   * One request through the JDK HTTP client before any test: the first request of a JVM loads the
   * client's and the server's classes, which can take longer than the short request timeouts the
   * fault-injection tests set.
   */
  private void warmUp() {
    try {
      java.net.http.HttpClient.newHttpClient()
          .send(
              java.net.http.HttpRequest.newBuilder(java.net.URI.create(baseUrl() + "/warm-up"))
                  .build(),
              java.net.http.HttpResponse.BodyHandlers.discarding());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.resetRequests();
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  public WireMockServer server() {
    return server;
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    reset();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Back to the routes of the samples, with an empty request journal. */
  public void reset() {
    server.resetAll();
    stubDefaults();
    stubRoutes();
  }

  private void stubDefaults() {
    server.stubFor(
        any(urlPathMatching("/.*"))
            .atPriority(10)
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withBody(
                        "{\"error\":{\"code\":\"ResourceNotFound\",\"message\":\"The Resource was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix\"}}")));
    server.stubFor(
        put(urlPathMatching(
                "(?i)/subscriptions/[^/]+/providers/Microsoft\\.Security/assessmentMetadata/[0-9a-f-]{36}"))
            .withQueryParam("api-version", equalTo("2021-06-01"))
            .withHeader("Authorization", equalTo("Bearer " + ARM_TOKEN))
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withTransformers("response-template")
                    .withBody(
                        "{\"id\":\"/providers/Microsoft.Security/assessmentMetadata/{{request.pathSegments.[5]}}\","
                            + "\"name\":\"{{request.pathSegments.[5]}}\",\"type\":\"Microsoft.Security/assessmentMetadata\","
                            + "\"properties\":{\"displayName\":\"{{jsonPath request.body '$.properties.displayName'}}\","
                            + "\"assessmentType\":\"CustomerManaged\",\"publishDates\":{\"GA\":\"11/29/2026\",\"public\":\"11/29/2026\"}}}")));
    server.stubFor(
        put(urlPathMatching(
                "(?i)/subscriptions/.+/providers/Microsoft\\.Security/assessments/[0-9a-f-]{36}"))
            .withQueryParam("api-version", equalTo("2021-06-01"))
            .withHeader("Authorization", equalTo("Bearer " + ARM_TOKEN))
            .atPriority(5)
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json; charset=utf-8")
                    .withTransformers("response-template")
                    .withBody(
                        "{\"id\":\"{{request.path}}\","
                            + "\"type\":\"Microsoft.Security/assessments\",\"properties\":{\"resourceDetails\":{\"Source\":\"Azure\"},"
                            + "\"status\":{\"code\":\"{{jsonPath request.body '$.properties.status.code'}}\","
                            + "\"firstEvaluationDate\":\"2026-11-29T15:00:01.1234567Z\",\"statusChangeDate\":\"2026-11-29T15:00:01.1234567Z\"}}}")));
    server.stubFor(
        delete(
                urlPathMatching(
                    "(?i)/subscriptions/.+/providers/Microsoft\\.Security/assessments/[0-9a-f-]{36}"))
            .withQueryParam("api-version", equalTo("2021-06-01"))
            .withHeader("Authorization", equalTo("Bearer " + ARM_TOKEN))
            .atPriority(5)
            .willReturn(aResponse().withStatus(200)));
  }

  private void stubRoutes() {
    JsonNode manifest = read(Samples.RESOURCES.resolve("arm-routes.json"));
    for (JsonNode route : manifest.path("routes")) {
      String method = route.path("method").asText();
      String path = route.path("path").asText();
      boolean blob = path.startsWith("/blob/");
      MappingBuilder m =
          request(method, urlPathMatching((blob ? "" : "(?i)") + Pattern.quote(path)))
              .atPriority(1);
      if (route.has("apiVersion")) {
        m = m.withQueryParam("api-version", equalTo(route.path("apiVersion").asText()));
      }
      m = m.withHeader("Authorization", equalTo("Bearer " + (blob ? STORAGE_TOKEN : ARM_TOKEN)));
      for (Map.Entry<String, JsonNode> q : route.path("query").properties()) {
        m =
            q.getValue().isNull()
                ? m.withQueryParam(q.getKey(), absent())
                : m.withQueryParam(q.getKey(), equalTo(q.getValue().asText()));
      }
      for (Map.Entry<String, JsonNode> h : route.path("header").properties()) {
        m = m.withHeader(h.getKey(), equalTo(h.getValue().asText()));
      }
      if (route.has("bodyContains")) {
        m = m.withRequestBody(containing(route.path("bodyContains").asText())).atPriority(1);
      } else if (method.equals("POST")) {
        m = m.atPriority(2);
      }
      String body;
      try {
        body =
            Files.readString(
                    Samples.RESOURCES.resolve(route.path("file").asText()), StandardCharsets.UTF_8)
                .replace("{{ARM}}", baseUrl());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.stubFor(
          m.willReturn(
              aResponse()
                  .withStatus(200)
                  .withHeader("Content-Type", "application/json; charset=utf-8")
                  .withBody(body)));
    }
  }

  /** Answers a route with a status first, before the normal answer, {@code times} times. */
  public void failFirst(String method, String pathRegex, int times, int status, String retryAfter) {
    String scenario = "fail-" + method + pathRegex;
    for (int i = 0; i < times; i++) {
      var response = aResponse().withStatus(status).withHeader("Content-Type", "application/json");
      if (retryAfter != null) {
        response = response.withHeader("Retry-After", retryAfter);
      }
      response =
          response.withBody(
              status == 429
                  ? "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"The request is being throttled.\"}}"
                  : "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Encountered internal server error.\"}}");
      server.stubFor(
          request(method, urlPathMatching(pathRegex))
              .inScenario(scenario)
              .whenScenarioStateIs(
                  i == 0
                      ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED
                      : "failed-" + i)
              .willSetStateTo("failed-" + (i + 1))
              .atPriority(0)
              .willReturn(response));
    }
  }

  /**
   * Answers a route with these faults first, in order, then as usual; {@code repeat} keeps the last
   * fault for every later request instead.
   */
  public void inject(String method, String pathRegex, List<FaultStep> steps, boolean repeat) {
    String scenario = "inject-" + method + pathRegex;
    for (int i = 0; i < steps.size(); i++) {
      boolean last = i == steps.size() - 1;
      var mapping =
          request(method, urlPathMatching(pathRegex))
              .inScenario(scenario)
              .whenScenarioStateIs(
                  i == 0 ? com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED : "step-" + i)
              .atPriority(0)
              .willReturn(steps.get(i).response());
      if (!(repeat && last)) {
        mapping = mapping.willSetStateTo("step-" + (i + 1));
      }
      server.stubFor(mapping);
    }
  }

  /** Requests to a route (method and path pattern), and how many of them were answered 2xx. */
  public record Served(long received, long succeeded) {}

  public Served served(String method, String pathRegex) {
    Pattern p = Pattern.compile(pathRegex);
    long received = 0;
    long succeeded = 0;
    for (ServeEvent e : server.getAllServeEvents()) {
      LoggedRequest r = e.getRequest();
      String path =
          r.getUrl().contains("?") ? r.getUrl().substring(0, r.getUrl().indexOf('?')) : r.getUrl();
      if (r.getMethod().getName().equals(method) && p.matcher(path).matches()) {
        received++;
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
        if (status >= 200
            && status < 300
            && e.getResponseDefinition().getFault() == null
            && e.getResponseDefinition().getFixedDelayMilliseconds() == null) {
          succeeded++;
        }
      }
    }
    return new Served(received, succeeded);
  }

  /**
   * {@link #served}, once at least {@code expected} requests are in the journal or a few seconds
   * have passed: WireMock journals an answer it delays (a read-timeout fault) only when it has sent
   * it, after the client gave up, and a request journalled late would count in the next test.
   */
  public Served awaitServed(String method, String pathRegex, long expected) {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    Served served = served(method, pathRegex);
    while (served.received() < expected && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      served = served(method, pathRegex);
    }
    return served;
  }

  /** Answers a route with a status always. */
  public void always(String method, String pathRegex, int status, String body) {
    server.stubFor(
        request(method, urlPathMatching(pathRegex))
            .atPriority(0)
            .willReturn(
                aResponse()
                    .withStatus(status)
                    .withHeader("Content-Type", "application/json")
                    .withBody(body)));
  }

  /** The requests received, oldest first. */
  public List<LoggedRequest> requests() {
    List<ServeEvent> events = new ArrayList<>(server.getAllServeEvents());
    java.util.Collections.reverse(events);
    List<LoggedRequest> out = new ArrayList<>();
    events.forEach(e -> out.add(e.getRequest()));
    return out;
  }

  /** The store requests (PUT, DELETE), oldest first, as golden files hold them. */
  public ArrayNode writes() {
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    for (LoggedRequest r : requests()) {
      String method = r.getMethod().getName();
      if (!method.equals("PUT") && !method.equals("DELETE")) {
        continue;
      }
      ObjectNode o = out.addObject();
      o.put("method", method);
      String url = r.getUrl();
      int q = url.indexOf('?');
      o.put("path", q < 0 ? url : url.substring(0, q));
      o.put(
          "apiVersion",
          r.queryParameter("api-version").isPresent()
              ? r.queryParameter("api-version").firstValue()
              : null);
      String body = r.getBodyAsString();
      if (body == null || body.isEmpty()) {
        o.putNull("body");
      } else {
        try {
          o.set("body", JSON.readTree(body));
        } catch (IOException e) {
          o.put("body", body);
        }
      }
    }
    return out;
  }

  public long count(String method, String pathContains) {
    return requests().stream()
        .filter(r -> r.getMethod().getName().equals(method) && r.getUrl().contains(pathContains))
        .count();
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
