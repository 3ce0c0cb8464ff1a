package dev.containerwatch.gcp.loaders;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.InstantiatingGrpcChannelProvider;
import com.google.api.gax.rpc.ClientSettings;
import com.google.api.gax.rpc.StatusCode;
import com.google.cloud.container.v1.ClusterManagerClient;
import com.google.cloud.container.v1.ClusterManagerSettings;
import com.google.cloud.securitycenter.v1.SecurityCenterClient;
import com.google.cloud.securitycenter.v1.SecurityCenterSettings;
import dev.containerwatch.pipeline.Lazy;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The Google Cloud clients of the function, each built on first use and then shared by every
 * invocation of the instance: an event that needs no API call builds none (cold start).
 *
 * <p>Transport: HTTP/JSON or gRPC ({@link Transport}); endpoints may be overridden (regional or
 * private endpoints, local fakes: an {@code http://} endpoint is spoken in plain text); credentials
 * are Application Default Credentials, or none for emulators and fakes.
 */
public final class GcpClients implements AutoCloseable {

  /** How the clients talk to Google. */
  public enum Transport {
    /** REST with JSON bodies over HTTP/1.1 (google-http-client). */
    HTTP_JSON,
    /** gRPC over HTTP/2 (grpc-netty-shaded). */
    GRPC
  }

  /**
   * @param containerEndpoint null for the client's default ({@code container.googleapis.com:443})
   * @param securityCenterEndpoint null for the default ({@code securitycenter.googleapis.com:443})
   * @param credentials false for no credentials at all (emulators, local fakes)
   * @param callTimeout the time limit of one call (reads included), or null for the clients'
   *     defaults
   */
  public record Options(
      Transport transport,
      String containerEndpoint,
      String securityCenterEndpoint,
      boolean credentials,
      Duration callTimeout) {

    public Options(
        Transport transport,
        String containerEndpoint,
        String securityCenterEndpoint,
        boolean credentials) {
      this(transport, containerEndpoint, securityCenterEndpoint, credentials, null);
    }
  }

  private final Options options;
  private final Lazy<ClusterManagerClient> clusterManager;
  private final Lazy<SecurityCenterClient> securityCenter;

  public GcpClients(Options options) {
    this.options = options;
    this.clusterManager = new Lazy<>(this::buildClusterManager);
    this.securityCenter = new Lazy<>(this::buildSecurityCenter);
  }

  public Supplier<ClusterManagerClient> clusterManager() {
    return clusterManager;
  }

  public Supplier<SecurityCenterClient> securityCenter() {
    return securityCenter;
  }

  /** True once the client has been built (for tests of laziness). */
  public boolean built(String which) {
    return which.equals("container") ? clusterManager.isBuilt() : securityCenter.isBuilt();
  }

  ClusterManagerClient buildClusterManager() {
    try {
      ClusterManagerSettings.Builder b =
          options.transport() == Transport.GRPC
              ? ClusterManagerSettings.newBuilder()
              : ClusterManagerSettings.newHttpJsonBuilder();
      configure(b, options.containerEndpoint());
      // Reads are retried by the loader, with the project's backoff; one attempt per call here.
      Set<StatusCode.Code> none = Set.of();
      b.getClusterSettings().setRetryableCodes(none);
      b.listClustersSettings().setRetryableCodes(none);
      if (options.callTimeout() != null) {
        b.getClusterSettings().setSimpleTimeoutNoRetriesDuration(options.callTimeout());
        b.listClustersSettings().setSimpleTimeoutNoRetriesDuration(options.callTimeout());
      }
      return ClusterManagerClient.create(b.build());
    } catch (IOException e) {
      throw new UncheckedIOException("cluster manager client cannot be built", e);
    }
  }

  SecurityCenterClient buildSecurityCenter() {
    try {
      SecurityCenterSettings.Builder b =
          options.transport() == Transport.GRPC
              ? SecurityCenterSettings.newBuilder()
              : SecurityCenterSettings.newHttpJsonBuilder();
      configure(b, options.securityCenterEndpoint());
      // Writes are retried by the sink, with the project's bounded backoff (and quota errors,
      // which the client's defaults do not retry); one attempt per call here.
      Set<StatusCode.Code> none = Set.of();
      b.updateFindingSettings().setRetryableCodes(none);
      b.setFindingStateSettings().setRetryableCodes(none);
      b.listFindingsSettings().setRetryableCodes(none);
      if (options.callTimeout() != null) {
        b.updateFindingSettings().setSimpleTimeoutNoRetriesDuration(options.callTimeout());
        b.setFindingStateSettings().setSimpleTimeoutNoRetriesDuration(options.callTimeout());
        b.listFindingsSettings().setSimpleTimeoutNoRetriesDuration(options.callTimeout());
      }
      return SecurityCenterClient.create(b.build());
    } catch (IOException e) {
      throw new UncheckedIOException("Security Command Center client cannot be built", e);
    }
  }

  private void configure(ClientSettings.Builder<?, ?> b, String endpoint) {
    if (!options.credentials()) {
      CredentialsProvider none = NoCredentialsProvider.create();
      b.setCredentialsProvider(none);
    }
    if (endpoint == null || endpoint.isBlank()) {
      return;
    }
    boolean plaintext = endpoint.startsWith("http://");
    String hostPort = endpoint.replaceFirst("^https?://", "").replaceAll("/+$", "");
    if (options.transport() == Transport.GRPC) {
      InstantiatingGrpcChannelProvider.Builder channel =
          InstantiatingGrpcChannelProvider.newBuilder().setEndpoint(hostPort);
      if (plaintext) {
        channel.setChannelConfigurator(ManagedChannelBuilder::usePlaintext);
      }
      b.setTransportChannelProvider(channel.build());
      b.setEndpoint(hostPort);
    } else {
      b.setEndpoint(plaintext ? "http://" + hostPort : hostPort);
    }
  }

  @Override
  public void close() {
    clusterManager.ifBuilt().ifPresent(GcpClients::closeQuietly);
    securityCenter.ifBuilt().ifPresent(GcpClients::closeQuietly);
  }

  private static void closeQuietly(AutoCloseable client) {
    try {
      client.close();
    } catch (Exception e) {
      // closing at the end of tests; nothing to do about it
    }
  }
}
