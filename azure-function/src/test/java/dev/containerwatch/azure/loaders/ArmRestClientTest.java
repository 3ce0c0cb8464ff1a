package dev.containerwatch.azure.loaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.RecordingSleeper;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ArmRestClientTest {
  @RegisterExtension static final FakeAzure azure = new FakeAzure();
  private static final WireMockServer server = azure.server();
  private RecordingSleeper sleeper;
  private ArmRestClient client;

  @BeforeEach
  void setUp() {
    server.resetAll();
    sleeper = new RecordingSleeper();
    client =
        new ArmRestClient(
            URI.create(azure.baseUrl()),
            () -> "token-1",
            HttpClient.newHttpClient(),
            new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(20)),
            sleeper);
  }

  @Test
  void sendsTheBearerTokenAndThePinnedApiVersion() {
    server.stubFor(
        get(urlPathEqualTo("/subscriptions/s1/providers/Microsoft.Security/pricings/Containers"))
            .withQueryParam("api-version", equalTo("2024-01-01"))
            .withHeader("Authorization", equalTo("Bearer token-1"))
            .willReturn(aResponse().withBody("{\"name\":\"Containers\"}")));

    JsonNode body =
        client
            .get("/subscriptions/s1/providers/Microsoft.Security/pricings/Containers", "2024-01-01")
            .orElseThrow();

    assertThat(body.path("name").asText()).isEqualTo("Containers");
  }

  @Test
  void notFoundIsAnAnswerForGetAndDelete() {
    server.stubFor(
        get(urlPathEqualTo("/subscriptions/s1/gone"))
            .willReturn(
                aResponse()
                    .withStatus(404)
                    .withBody("{\"error\":{\"code\":\"ResourceNotFound\"}}")));

    assertThat(client.get("/subscriptions/s1/gone", "2025-05-01")).isEmpty();
    assertThat(client.delete("/subscriptions/s1/gone", "2021-06-01")).isFalse();
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void listsFollowNextLinkOnTheEndpoint() {
    server.stubFor(
        get(urlPathEqualTo("/subscriptions/s1/providers/Microsoft.ContainerRegistry/registries"))
            .withQueryParam("$skipToken", com.github.tomakehurst.wiremock.client.WireMock.absent())
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"value\":[{\"name\":\"a\"}],\"nextLink\":\""
                            + azure.baseUrl()
                            + "/subscriptions/s1/providers/Microsoft.ContainerRegistry/registries?api-version=2023-07-01&$skipToken=2\"}")));
    server.stubFor(
        get(urlPathEqualTo("/subscriptions/s1/providers/Microsoft.ContainerRegistry/registries"))
            .withQueryParam("$skipToken", equalTo("2"))
            .willReturn(aResponse().withBody("{\"value\":[{\"name\":\"b\"}]}")));

    List<JsonNode> items =
        client.list(
            "/subscriptions/s1/providers/Microsoft.ContainerRegistry/registries", "2023-07-01");

    assertThat(items).extracting(i -> i.path("name").asText()).containsExactly("a", "b");
  }

  @Test
  void aNextLinkToAnotherHostIsNotFollowedSoTheTokenStaysHome() {
    server.stubFor(
        get(urlPathEqualTo("/subscriptions/s1/providers/Microsoft.ContainerRegistry/registries"))
            .willReturn(
                aResponse()
                    .withBody(
                        "{\"value\":[],\"nextLink\":\"https://attacker.example/steal?api-version=1\"}")));

    assertThatThrownBy(
            () ->
                client.list(
                    "/subscriptions/s1/providers/Microsoft.ContainerRegistry/registries",
                    "2023-07-01"))
        .isInstanceOf(ArmException.class)
        .hasMessageContaining("nextLink leaves the ARM endpoint");
  }

  @Test
  void throttlingHonoursRetryAfterAndGivesUpAfterThePolicysAttempts() {
    server.stubFor(
        get(urlPathEqualTo("/subscriptions/s1/busy"))
            .willReturn(
                aResponse()
                    .withStatus(429)
                    .withHeader("Retry-After", "12")
                    .withBody("{\"error\":{\"code\":\"TooManyRequests\"}}")));

    assertThatThrownBy(() -> client.get("/subscriptions/s1/busy", "2025-05-01"))
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("failed after 3 attempts")
        .hasMessageContaining("HTTP 429 TooManyRequests");
    assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(12), Duration.ofSeconds(12));
  }

  @Test
  void aForbiddenCallFailsAtOnceWithArmsErrorCodeAndNoToken() {
    server.stubFor(
        get(urlPathEqualTo("/subscriptions/s1/secret"))
            .willReturn(
                aResponse()
                    .withStatus(403)
                    .withBody(
                        "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"The client 'x' with object id 'y' does not have authorization.\"}}")));

    assertThatThrownBy(() -> client.get("/subscriptions/s1/secret", "2025-05-01"))
        .isInstanceOfSatisfying(
            ArmException.class,
            e -> {
              assertThat(e.status()).isEqualTo(403);
              assertThat(e.code()).isEqualTo("AuthorizationFailed");
              assertThat(e.getMessage()).doesNotContain("token-1");
            });
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void pathsAreEncoded() {
    assertThat(ArmRestClient.encodePath("/a b/c%d")).isEqualTo("/a%20b/c%25d");
  }
}
