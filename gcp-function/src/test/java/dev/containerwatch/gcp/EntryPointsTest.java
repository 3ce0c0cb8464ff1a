package dev.containerwatch.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.cloud.functions.HttpRequest;
import com.google.cloud.functions.HttpResponse;
import dev.containerwatch.pipeline.SinkException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The two entry points as the Functions Framework calls them: a binary-mode CloudEvent, an HTTP
 * request and response.
 */
class EntryPointsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @RegisterExtension static final FakeGoogle google = new FakeGoogle();

  private static CloudEvent event(String sample) throws Exception {
    JsonNode e = FakeGoogle.sample(sample);
    return CloudEventBuilder.v1()
        .withId(e.path("id").asText())
        .withType(e.path("type").asText())
        .withSource(URI.create(e.path("source").asText()))
        .withTime(OffsetDateTime.parse(e.path("time").asText()))
        .withData("application/json", JSON.writeValueAsBytes(e.path("data")))
        .build();
  }

  @Test
  void theCloudEventFunctionWritesFindingsAndFailsWhenTheWriteFails() throws Exception {
    try (GcpRuntime runtime = google.runtime(google.env())) {
      PubSubFunction function = new PubSubFunction(runtime::pubSub);
      function.accept(event("occurrence-vulnerability"));
      assertThat(google.sccRequests()).hasSize(1);

      google.server.stubFor(
          com.github.tomakehurst.wiremock.client.WireMock.any(
                  com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching(
                      "/v1/organizations/.*"))
              .atPriority(1)
              .willReturn(
                  com.github.tomakehurst.wiremock.client.WireMock.aResponse()
                      .withStatus(403)
                      .withHeader("Content-Type", "application/json")
                      .withBody(
                          "{\"error\":{\"code\":403,\"message\":\"Permission 'securitycenter.findings.update' denied\",\"status\":\"PERMISSION_DENIED\"}}")));
      assertThatThrownBy(() -> function.accept(event("occurrence-vulnerability")))
          .isInstanceOf(SinkException.class)
          .hasMessageContaining("PERMISSION_DENIED");
    }
  }

  @Test
  void theCloudEventFunctionAcknowledgesWhatItRejects() throws Exception {
    try (GcpRuntime runtime = google.runtime(google.env())) {
      CloudEvent other =
          CloudEventBuilder.v1()
              .withId("1")
              .withType("google.cloud.storage.object.v1.finalized")
              .withSource(URI.create("//storage.googleapis.com/projects/_/buckets/b"))
              .build();
      new PubSubFunction(runtime::pubSub).accept(other);
      assertThat(google.logs())
          .singleElement()
          .satisfies(l -> assertThat(l.path("outcome").asText()).isEqualTo("rejected"));
    }
  }

  @Test
  void theHttpFunctionAnswersTheDockerHubWebhook() throws Exception {
    byte[] body =
        Files.readAllBytes(FakeGoogle.SAMPLES.resolve("http/dockerhub-push-scanned.json"));
    try (GcpRuntime runtime = google.runtime(google.env())) {
      FakeResponse response = new FakeResponse();
      new WebhookFunction(runtime::webhooks)
          .service(
              new FakeRequest(
                  "POST",
                  "/containerwatch-webhooks/dockerhub",
                  Map.of("token", FakeGoogle.DOCKERHUB_TOKEN),
                  body),
              response);

      assertThat(response.status).isEqualTo(200);
      assertThat(response.contentType).isEqualTo("application/json");
      assertThat(
              JSON.readTree(response.body.toByteArray())
                  .path("findings")
                  .get(0)
                  .path("status")
                  .asText())
          .isEqualTo("FAILED");
      assertThat(google.sccRequests()).hasSize(1);
    }
  }

  @Test
  void theHttpFunctionRefusesBodiesOverItsLimit() throws Exception {
    byte[] big = new byte[WebhookHandler.MAX_BODY_BYTES + 10];
    try (GcpRuntime runtime = google.runtime(google.env())) {
      FakeResponse response = new FakeResponse();
      new WebhookFunction(runtime::webhooks)
          .service(new FakeRequest("POST", "/admission", Map.of(), big), response);
      assertThat(response.status).isEqualTo(413);
    }
  }

  private static final class FakeRequest implements HttpRequest {
    private final String method;
    private final String path;
    private final Map<String, String> query;
    private final byte[] body;

    FakeRequest(String method, String path, Map<String, String> query, byte[] body) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.body = body;
    }

    @Override
    public String getMethod() {
      return method;
    }

    @Override
    public String getUri() {
      return "https://europe-west1-nordwind-secops.cloudfunctions.net" + path;
    }

    @Override
    public String getPath() {
      return path;
    }

    @Override
    public Optional<String> getQuery() {
      return Optional.empty();
    }

    @Override
    public Map<String, List<String>> getQueryParameters() {
      Map<String, List<String>> m = new java.util.HashMap<>();
      query.forEach((k, v) -> m.put(k, List.of(v)));
      return m;
    }

    @Override
    public Map<String, HttpPart> getParts() {
      return Map.of();
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.of("application/json");
    }

    @Override
    public long getContentLength() {
      return body.length;
    }

    @Override
    public Optional<String> getCharacterEncoding() {
      return Optional.empty();
    }

    @Override
    public InputStream getInputStream() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public BufferedReader getReader() {
      return new BufferedReader(
          new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      return Map.of();
    }
  }

  private static final class FakeResponse implements HttpResponse {
    int status = 200;
    String contentType;
    final ByteArrayOutputStream body = new ByteArrayOutputStream();

    @Override
    public void setStatusCode(int code) {
      status = code;
    }

    @Override
    public void setStatusCode(int code, String message) {
      status = code;
    }

    @Override
    public void setContentType(String type) {
      contentType = type;
    }

    @Override
    public Optional<String> getContentType() {
      return Optional.ofNullable(contentType);
    }

    @Override
    public void appendHeader(String header, String value) {}

    @Override
    public Map<String, List<String>> getHeaders() {
      return Map.of();
    }

    @Override
    public OutputStream getOutputStream() {
      return body;
    }

    @Override
    public BufferedWriter getWriter() {
      return new BufferedWriter(new OutputStreamWriter(body, StandardCharsets.UTF_8));
    }
  }
}
