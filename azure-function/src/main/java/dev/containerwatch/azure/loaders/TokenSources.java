package dev.containerwatch.azure.loaders;

import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses where the function's tokens come from, by {@value #SETTING}:
 *
 * <ul>
 *   <li>unset ({@code auto}): the managed identity when the platform announces one ({@code
 *       IDENTITY_ENDPOINT} and {@code IDENTITY_HEADER}, as Functions, App Service and Container
 *       Apps set them), the developer's Azure CLI login otherwise (local development);
 *   <li>{@code managed}: the managed identity always, through IMDS when those variables are absent;
 *   <li>{@code cli}: the Azure CLI login always.
 * </ul>
 *
 * Both speak plain HTTP or run {@code az}: no Azure SDK is needed, which keeps the deployed app
 * small and its cold start short.
 */
public final class TokenSources {
  public static final String SETTING = "CONTAINERWATCH_IDENTITY";
  static final Duration IDENTITY_TIMEOUT = Duration.ofSeconds(10);

  private TokenSources() {}

  /** Which source a setting picks, for a message naming the valid values. */
  public enum Choice {
    AUTO,
    MANAGED,
    CLI;

    /**
     * @throws IllegalArgumentException naming the valid values
     */
    public static Choice of(String value) {
      if (value == null || value.isBlank()) {
        return AUTO;
      }
      try {
        return valueOf(value.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            SETTING + ": '" + value + "' is not one of auto, managed, cli");
      }
    }
  }

  /** The token source of one audience ({@code scope}) for this environment. */
  public static TokenSource forScope(
      Map<String, String> env,
      String scope,
      HttpClient http,
      Clock clock,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper) {
    Choice choice = Choice.of(env.get(SETTING));
    String endpoint = env.get("IDENTITY_ENDPOINT");
    String header = env.get("IDENTITY_HEADER");
    boolean appService =
        endpoint != null && !endpoint.isBlank() && header != null && !header.isBlank();
    String clientId = env.get("AZURE_CLIENT_ID");
    if (choice == Choice.CLI || (choice == Choice.AUTO && !appService)) {
      return AzureCliTokenSource.forScope(scope, clock);
    }
    // Functions sets the App Service variables; elsewhere (a VM, a container) IMDS answers.
    return new ManagedIdentityTokenSource(
        appService
            ? ManagedIdentityTokenSource.Protocol.APP_SERVICE
            : ManagedIdentityTokenSource.Protocol.IMDS,
        appService ? URI.create(endpoint.strip()) : ManagedIdentityTokenSource.IMDS_ENDPOINT,
        appService ? header : null,
        scope,
        clientId,
        http,
        clock,
        retryPolicy,
        sleeper,
        IDENTITY_TIMEOUT);
  }
}
