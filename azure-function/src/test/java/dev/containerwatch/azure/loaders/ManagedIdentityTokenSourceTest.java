package dev.containerwatch.azure.loaders;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.FaultStep;
import dev.containerwatch.azure.testing.RecordingSleeper;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.pipeline.SinkException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The managed identity's token endpoints on WireMock: the App Service protocol and IMDS, the
 * user-assigned identity's client id, the cache until five minutes before expiry, the retries IMDS
 * asks for, and failures that name the problem without the token or the secret header.
 */
class ManagedIdentityTokenSourceTest {
  @RegisterExtension static final FakeAzure azure = new FakeAzure();
  private static final WireMockServer server = azure.server();
  private static final RetryPolicy POLICY =
      new RetryPolicy(4, Duration.ofMillis(200), Duration.ofSeconds(10));
  static final String SECRET_HEADER = "b1d7c2e9-identity-header-4f3a";
  static final String ARM_TOKEN =
      "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.bWktYXJtLXRva2VuLTE.c2lnbmF0dXJl";
  static final String STORAGE_TOKEN =
      "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.aW1kcy1zdG9yYWdlLXRva2Vu.c2lnbmF0dXJl";
  private static final String CLIENT_ID = "3f6b0a52-91c4-4d7e-8a2b-6c1e9f4d7a30";

  private RecordingSleeper sleeper;
  private MovingClock clock;

  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    Instant now = TestApps.NOW;

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @BeforeEach
  void setUp() {
    sleeper = new RecordingSleeper();
    clock = new MovingClock();
  }

  static String fixture(String name) {
    try {
      return Files.readString(Path.of("src/test/resources/identity", name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void stubAppService(WireMockServer server, String file) {
    server.stubFor(
        get(urlPathEqualTo("/msi/token"))
            .withQueryParam("api-version", equalTo("2019-08-01"))
            .withQueryParam("resource", equalTo("https://management.azure.com"))
            .withHeader("X-IDENTITY-HEADER", equalTo(SECRET_HEADER))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture(file))));
  }

  private static void stubImds() {
    server.stubFor(
        get(urlPathEqualTo("/metadata/identity/oauth2/token"))
            .withQueryParam("api-version", equalTo("2018-02-01"))
            .withQueryParam("resource", equalTo("https://storage.azure.com"))
            .withHeader("Metadata", equalTo("true"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture("imds-token.json"))));
  }

  private TokenSource fromEnvironment(Map<String, String> env, String scope) {
    return TokenSources.forScope(env, scope, HttpClient.newHttpClient(), clock, POLICY, sleeper);
  }

  private TokenSource imds() {
    return new ManagedIdentityTokenSource(
        ManagedIdentityTokenSource.Protocol.IMDS,
        URI.create(azure.baseUrl() + "/metadata/identity/oauth2/token"),
        null,
        "https://storage.azure.com/.default",
        null,
        HttpClient.newHttpClient(),
        clock,
        POLICY,
        sleeper,
        Duration.ofMillis(400));
  }

  static Map<String, String> appServiceEnv() {
    return Map.of(
        "IDENTITY_ENDPOINT", azure.baseUrl() + "/msi/token", "IDENTITY_HEADER", SECRET_HEADER);
  }

  @Test
  void theAppServiceProtocolAsksForTheResourceWithTheSecretHeader() {
    stubAppService(server, "app-service-token.json");
    TokenSource tokens = fromEnvironment(appServiceEnv(), "https://management.azure.com/.default");

    assertThat(tokens).isInstanceOf(ManagedIdentityTokenSource.class);
    assertThat(tokens.bearerToken()).isEqualTo(ARM_TOKEN);
    server.verify(
        1, getRequestedFor(urlPathEqualTo("/msi/token")).withQueryParam("client_id", absent()));
  }

  @Test
  void aUserAssignedIdentityIsChosenByItsClientId() {
    stubAppService(server, "app-service-token.json");
    Map<String, String> env = new java.util.HashMap<>(appServiceEnv());
    env.put("AZURE_CLIENT_ID", CLIENT_ID);

    assertThat(fromEnvironment(env, "https://management.azure.com/.default").bearerToken())
        .isEqualTo(ARM_TOKEN);
    server.verify(
        1,
        getRequestedFor(urlPathEqualTo("/msi/token"))
            .withQueryParam("client_id", equalTo(CLIENT_ID)));
  }

  @Test
  void imdsIsAskedWithTheMetadataHeader() {
    stubImds();

    assertThat(imds().bearerToken()).isEqualTo(STORAGE_TOKEN);
    server.verify(1, getRequestedFor(urlPathEqualTo("/metadata/identity/oauth2/token")));
  }

  @Test
  void aTokenIsReusedUntilFiveMinutesBeforeItExpires() {
    stubAppService(server, "app-service-token.json");
    TokenSource tokens = fromEnvironment(appServiceEnv(), "https://management.azure.com/.default");

    tokens.bearerToken();
    clock.now = Instant.parse("2026-11-29T15:24:59Z"); // expires_on is 15:30:00
    tokens.bearerToken();
    server.verify(1, getRequestedFor(urlPathEqualTo("/msi/token")));
    clock.now = Instant.parse("2026-11-29T15:25:00Z");
    tokens.bearerToken();
    server.verify(2, getRequestedFor(urlPathEqualTo("/msi/token")));
  }

  @Test
  void imdsNotReadyYetIsRetriedAsItsGuidanceSays() {
    stubImds();
    azure.inject(
        "GET",
        "/metadata/identity/oauth2/token",
        List.of(FaultStep.status(404), FaultStep.status(410)),
        false);

    assertThat(imds().bearerToken()).isEqualTo(STORAGE_TOKEN);
    assertThat(azure.served("GET", "/metadata/identity/oauth2/token").received()).isEqualTo(3);
    assertThat(sleeper.waits()).hasSize(2);
  }

  @Test
  void aRefusalNamesTheProtocolResourceStatusAndErrorButNoSecret() {
    server.stubFor(
        get(urlPathEqualTo("/msi/token"))
            .atPriority(1)
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/json")
                    .withBody(fixture("imds-identity-not-found.json"))));
    TokenSource tokens = fromEnvironment(appServiceEnv(), "https://management.azure.com/.default");

    assertThatThrownBy(tokens::bearerToken)
        .isInstanceOf(SinkException.class)
        .hasMessage(
            "managed identity token (App Service) for https://management.azure.com: HTTP 400 invalid_request")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET_HEADER));
    assertThat(sleeper.waits()).isEmpty();
  }

  @Test
  void anAnswerWithoutAnExpiryIsRefusedWithoutShowingTheToken() {
    server.stubFor(
        get(urlPathEqualTo("/msi/token"))
            .atPriority(1)
            .willReturn(aResponse().withBody("{\"access_token\":\"" + ARM_TOKEN + "\"}")));
    TokenSource tokens = fromEnvironment(appServiceEnv(), "https://management.azure.com/.default");

    assertThatThrownBy(tokens::bearerToken)
        .isInstanceOf(SinkException.class)
        .hasMessageContaining("no usable expires_on")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(ARM_TOKEN));
  }

  @Test
  void theSettingChoosesTheSource() {
    String scope = "https://management.azure.com/.default";
    assertThat(fromEnvironment(Map.of(), scope)).isInstanceOf(AzureCliTokenSource.class);
    assertThat(fromEnvironment(Map.of("CONTAINERWATCH_IDENTITY", "managed"), scope))
        .hasToString("managed identity (IMDS) for https://management.azure.com");
    assertThat(fromEnvironment(appServiceEnv(), scope))
        .hasToString("managed identity (App Service) for https://management.azure.com");
    Map<String, String> forced = new java.util.HashMap<>(appServiceEnv());
    forced.put("CONTAINERWATCH_IDENTITY", "cli");
    assertThat(fromEnvironment(forced, scope)).isInstanceOf(AzureCliTokenSource.class);
    assertThatThrownBy(() -> TokenSources.Choice.of("msi"))
        .hasMessage("CONTAINERWATCH_IDENTITY: 'msi' is not one of auto, managed, cli");
  }
}
