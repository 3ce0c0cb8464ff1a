package dev.containerwatch.aws.loaders;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.pipeline.Lazy;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.eks.EksClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;

/**
 * The SDK clients of one Lambda container, built on first use and reused by every invocation: one
 * EKS and one ECR client per account and region, one STS client, all on the same {@code
 * url-connection-client} and retry strategy.
 *
 * <p>The function's own account is {@code ownAccount} when configured, else asked of STS ({@code
 * GetCallerIdentity}) once. An event of another account is loaded with the credentials of {@code
 * arn:<partition>:iam::<account>:role/<crossAccountRole>}, assumed through STS and cached until
 * shortly before they expire ({@link StsAssumeRoleCredentialsProvider} refreshes them then).
 */
public final class AwsClients implements AutoCloseable {
  private final String functionRegion;
  private final String crossAccountRole;
  private final String externalId;
  private final SdkHttpClient http;
  private final AwsCredentialsProvider credentials;
  private final Supplier<RetryStrategy> retryStrategy;
  private final URI endpointOverride;

  private final Map<AwsScope, EksClient> eks = new ConcurrentHashMap<>();
  private final Map<AwsScope, EcrClient> ecr = new ConcurrentHashMap<>();
  private final Map<String, AwsCredentialsProvider> assumed = new ConcurrentHashMap<>();
  private final Lazy<StsClient> sts;
  private final Lazy<String> ownAccount;

  /**
   * @param functionRegion the function's own region ({@code AWS_REGION}), where STS is called
   * @param ownAccount the function's account, or null to ask STS
   * @param crossAccountRole the name of the role to assume in other accounts, or null
   * @param externalId the external id the role requires, or null
   * @param endpointOverride one endpoint for every service (tests, local emulators), or null
   */
  public AwsClients(
      String functionRegion,
      String ownAccount,
      String crossAccountRole,
      String externalId,
      SdkHttpClient http,
      AwsCredentialsProvider credentials,
      Supplier<RetryStrategy> retryStrategy,
      URI endpointOverride) {
    this.functionRegion = functionRegion;
    this.sts =
        new Lazy<>(() -> configure(StsClient.builder(), functionRegion, credentials).build());
    this.ownAccount =
        new Lazy<>(() -> ownAccount != null ? ownAccount : sts.get().getCallerIdentity().account());
    this.crossAccountRole = crossAccountRole;
    this.externalId = externalId;
    this.http = http;
    this.credentials = credentials;
    this.retryStrategy = retryStrategy;
    this.endpointOverride = endpointOverride;
  }

  /**
   * The SDK's standard retry strategy: throttling, 5xx and I/O failures (connection reset, read
   * timeout) retried, five attempts in all, after a random wait (full jitter) of at most {@link
   * #BASE_DELAY} doubled at each retry, {@link #THROTTLING_BASE_DELAY} for throttling, never more
   * than {@link #MAX_DELAY}; a server's {@code Retry-After} is honoured when it asks for longer.
   * Stated here rather than left to the SDK's defaults so that the tests can check them.
   */
  public static RetryStrategy standardRetries() {
    return AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .maxAttempts(MAX_ATTEMPTS)
        .backoffStrategy(BackoffStrategy.exponentialDelay(BASE_DELAY, MAX_DELAY))
        .throttlingBackoffStrategy(
            BackoffStrategy.exponentialDelay(THROTTLING_BASE_DELAY, MAX_DELAY))
        .build();
  }

  /** Attempts of one SDK call, the first included. */
  public static final int MAX_ATTEMPTS = 5;

  /** The bound of the first retry's wait after a 5xx or an I/O failure. */
  public static final Duration BASE_DELAY = Duration.ofMillis(100);

  /** The bound of the first retry's wait after throttling. */
  public static final Duration THROTTLING_BASE_DELAY = Duration.ofSeconds(1);

  /** The longest wait between two attempts. */
  public static final Duration MAX_DELAY = Duration.ofSeconds(20);

  public EksClient eks(AwsScope scope) {
    return eks.computeIfAbsent(
        scope, s -> configure(EksClient.builder(), s.region(), credentialsFor(s)).build());
  }

  public EcrClient ecr(AwsScope scope) {
    return ecr.computeIfAbsent(
        scope, s -> configure(EcrClient.builder(), s.region(), credentialsFor(s)).build());
  }

  /** The function's own account. */
  public String ownAccount() {
    return ownAccount.get();
  }

  /** The credentials to read resources of the scope's account with. */
  AwsCredentialsProvider credentialsFor(AwsScope scope) {
    if (scope.account().equals(ownAccount())) {
      return credentials;
    }
    if (crossAccountRole == null || crossAccountRole.isBlank()) {
      throw new InvalidInputException(
          "the event is about account "
              + scope.account()
              + ", not the function's own ("
              + ownAccount()
              + "), and no cross-account role is configured (CONTAINERWATCH_CROSS_ACCOUNT_ROLE)");
    }
    return assumed.computeIfAbsent(
        scope.account(),
        account -> {
          String roleArn =
              "arn:" + scope.partition() + ":iam::" + account + ":role/" + crossAccountRole;
          return StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts.get())
              .asyncCredentialUpdateEnabled(false)
              .refreshRequest(
                  r -> {
                    r.roleArn(roleArn).roleSessionName("containerwatch").durationSeconds(3600);
                    if (externalId != null && !externalId.isBlank()) {
                      r.externalId(externalId);
                    }
                  })
              .build();
        });
  }

  private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(
      B builder, String region, AwsCredentialsProvider provider) {
    builder
        .region(Region.of(region))
        .credentialsProvider(provider)
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(retryStrategy.get())
                .apiCallAttemptTimeout(Duration.ofSeconds(10))
                .apiCallTimeout(Duration.ofSeconds(40))
                .build());
    if (endpointOverride != null) {
      builder.endpointOverride(endpointOverride);
    }
    builder.httpClient(http);
    return builder;
  }

  @Override
  public void close() {
    eks.values().forEach(EksClient::close);
    ecr.values().forEach(EcrClient::close);
    sts.ifBuilt().ifPresent(StsClient::close);
  }
}
