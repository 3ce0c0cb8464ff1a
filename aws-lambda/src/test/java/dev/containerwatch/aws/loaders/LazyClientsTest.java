package dev.containerwatch.aws.loaders;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.ResolveIdentityRequest;

/** The HTTP client and the credentials chain are made on first use only, once, and delegated to. */
class LazyClientsTest {

  @Test
  void theHttpClientIsMadeOnFirstUseOnly() {
    AtomicInteger made = new AtomicInteger();
    LazyHttpClient http =
        new LazyHttpClient(
            () -> {
              made.incrementAndGet();
              return UrlConnectionHttpClient.create();
            });
    http.close();
    assertThat(made).hasValue(0);
    assertThat(http.made()).isFalse();
    assertThat(http.clientName()).isEqualTo(UrlConnectionHttpClient.create().clientName());
    http.get();
    assertThat(made).hasValue(1);
    http.close();
  }

  @Test
  void theCredentialsAreMadeOnFirstUseOnlyAndDelegated() {
    AtomicInteger made = new AtomicInteger();
    LazyCredentialsProvider credentials =
        new LazyCredentialsProvider(
            () -> {
              made.incrementAndGet();
              return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret"));
            });
    assertThat(made).hasValue(0);
    assertThat(credentials.resolveCredentials().accessKeyId()).isEqualTo("AKID");
    assertThat(credentials.resolveIdentity(ResolveIdentityRequest.builder().build()).join())
        .satisfies(id -> assertThat(id.secretAccessKey()).isEqualTo("secret"));
    assertThat(made).hasValue(1);
    assertThat(credentials.made()).isTrue();
  }
}
