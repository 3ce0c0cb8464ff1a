package dev.containerwatch.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.TransportChannelProvider;
import com.google.cloud.pubsub.v1.Publisher;
import com.google.cloud.pubsub.v1.SubscriptionAdminClient;
import com.google.cloud.pubsub.v1.SubscriptionAdminSettings;
import com.google.cloud.pubsub.v1.TopicAdminClient;
import com.google.cloud.pubsub.v1.TopicAdminSettings;
import com.google.cloud.pubsub.v1.stub.GrpcSubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStub;
import com.google.cloud.pubsub.v1.stub.SubscriberStubSettings;
import com.google.protobuf.ByteString;
import com.google.protobuf.util.Timestamps;
import com.google.pubsub.v1.AcknowledgeRequest;
import com.google.pubsub.v1.PubsubMessage;
import com.google.pubsub.v1.PullRequest;
import com.google.pubsub.v1.PullResponse;
import com.google.pubsub.v1.PushConfig;
import com.google.pubsub.v1.ReceivedMessage;
import com.google.pubsub.v1.SubscriptionName;
import com.google.pubsub.v1.TopicName;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with real parts: the Pub/Sub emulator of the Google Cloud CLI, the deployable jar in
 * the Functions Framework invoker (a child process on a local port), Security Command Center on
 * WireMock.
 *
 * <p>A Cloud Asset feed message for a misconfigured cluster is published to a topic and pulled from
 * a subscription, then delivered to the function the way Eventarc does in production: a binary-mode
 * CloudEvent of type {@code google.cloud.pubsub.topic.v1.messagePublished} whose data is {@code
 * {"message": ..., "subscription": ...}} (the emulator's own push speaks no CloudEvents, hence the
 * relay). The SCC requests that result must be those of the sample's golden file.
 *
 * <p>Skipped, with a message, only when the Google Cloud CLI or its Pub/Sub emulator is not
 * installed.
 */
class PubSubEmulatorIT {
  private static final String PROJECT = "containerwatch-e2e";
  private static final String TOPIC = "cai-gke-feed";
  private static final String SUBSCRIPTION = "containerwatch-relay";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path gcloudConfig;

  private static FakeGoogle google;
  private static ChildProcess emulator;
  private static ChildProcess invoker;
  private static ManagedChannel channel;
  private static int invokerPort;
  private static final HttpClient http = HttpClient.newHttpClient();

  /** Why the test cannot run here (no Google Cloud CLI or no emulator), or null. */
  private static String missing;

  @BeforeAll
  static void start() throws Exception {
    Path emulatorBin = emulator();
    if (emulatorBin == null) {
      System.err.println("PubSubEmulatorIT skipped: " + missing);
      return;
    }
    google = new FakeGoogle();
    int pubsubPort = freePort();
    emulator =
        ChildProcess.start(
            "pubsub-emulator",
            List.of(emulatorBin.toString(), "--host=127.0.0.1", "--port=" + pubsubPort),
            Map.of("CLOUDSDK_CONFIG", gcloudConfig.toString()));
    emulator.awaitLine(
        l -> l.contains("Server started, listening on " + pubsubPort), Duration.ofSeconds(90));
    channel = ManagedChannelBuilder.forTarget("127.0.0.1:" + pubsubPort).usePlaintext().build();

    invokerPort = freePort();
    Path jar = Path.of("target/deploy/containerwatch-gcp.jar").toAbsolutePath();
    assertThat(jar).as("the deployable jar (mvn package)").exists();
    Map<String, String> env = new LinkedHashMap<>(google.env());
    env.remove("CONTAINERWATCH_SCAN_REPORTS");
    invoker =
        ChildProcess.start(
            "invoker",
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-jar",
                invokerJar().toString(),
                "--classpath",
                jar.toString(),
                "--target",
                "dev.containerwatch.gcp.PubSubFunction",
                "--port",
                String.valueOf(invokerPort)),
            env);
    invoker.awaitLine(l -> l.contains("Serving function"), Duration.ofSeconds(90));
  }

  @AfterAll
  static void stop() throws Exception {
    if (channel != null) {
      channel.shutdownNow();
      channel.awaitTermination(10, TimeUnit.SECONDS);
    }
    if (invoker != null) {
      invoker.close();
    }
    if (emulator != null) {
      emulator.close();
    }
    if (google != null) {
      google.close();
    }
  }

  @BeforeEach
  void reset() {
    Assumptions.assumeTrue(missing == null, () -> "skipped: " + missing);
    google.reset();
  }

  @Test
  void aFeedMessageForAMisconfiguredClusterBecomesSccFindings() throws Exception {
    byte[] payload =
        JSON.writeValueAsBytes(
            JSON.readTree(
                FakeGoogle.SAMPLES.resolve("payloads/asset-cluster-misconfigured.json").toFile()));
    TopicName topic = TopicName.of(PROJECT, TOPIC);
    SubscriptionName subscription = SubscriptionName.of(PROJECT, SUBSCRIPTION);
    TransportChannelProvider transport =
        FixedTransportChannelProvider.create(GrpcTransportChannel.create(channel));
    CredentialsProvider none = NoCredentialsProvider.create();
    try (TopicAdminClient topics =
            TopicAdminClient.create(
                TopicAdminSettings.newBuilder()
                    .setTransportChannelProvider(transport)
                    .setCredentialsProvider(none)
                    .build());
        SubscriptionAdminClient subscriptions =
            SubscriptionAdminClient.create(
                SubscriptionAdminSettings.newBuilder()
                    .setTransportChannelProvider(transport)
                    .setCredentialsProvider(none)
                    .build())) {
      topics.createTopic(topic);
      subscriptions.createSubscription(subscription, topic, PushConfig.getDefaultInstance(), 60);
    }

    Publisher publisher =
        Publisher.newBuilder(topic)
            .setChannelProvider(transport)
            .setCredentialsProvider(none)
            .build();
    String messageId;
    try {
      messageId =
          publisher
              .publish(PubsubMessage.newBuilder().setData(ByteString.copyFrom(payload)).build())
              .get(60, TimeUnit.SECONDS);
    } finally {
      publisher.shutdown();
      publisher.awaitTermination(30, TimeUnit.SECONDS);
    }

    ReceivedMessage received;
    try (SubscriberStub subscriber =
        GrpcSubscriberStub.create(
            SubscriberStubSettings.newBuilder()
                .setTransportChannelProvider(transport)
                .setCredentialsProvider(none)
                .build())) {
      received = pullOne(subscriber, subscription);
      HttpResponse<String> answer = relay(topic, subscription, received.getMessage());
      assertThat(answer.statusCode()).as("the function acknowledged the event").isEqualTo(200);
      subscriber
          .acknowledgeCallable()
          .call(
              AcknowledgeRequest.newBuilder()
                  .setSubscription(subscription.toString())
                  .addAckIds(received.getAckId())
                  .build());
    }

    assertThat(received.getMessage().getMessageId()).isEqualTo(messageId);
    ObjectNode expected =
        (ObjectNode)
            FakeGoogle.readFile(FakeGoogle.GOLDEN.resolve("asset-cluster-misconfigured.json"));
    assertThat(google.sccRequests()).hasSize(10).isEqualTo(expected.get("sccRequests"));
    // The function logs before it answers; the line may still be on its way through the pipe.
    invoker.awaitLine(
        l -> l.contains("\"outcome\":\"processed\"") && l.contains(messageId),
        Duration.ofSeconds(30));
  }

  @Test
  void aMalformedMessageIsLoggedAndAcknowledged() throws Exception {
    PubsubMessage message =
        PubsubMessage.newBuilder()
            .setData(ByteString.copyFromUtf8("{\"incident\": {\"state\": \"open\"}}"))
            .setMessageId("13029000000000001")
            .setPublishTime(Timestamps.parse("2026-11-29T16:12:10.270Z"))
            .build();
    HttpResponse<String> answer =
        relay(TopicName.of(PROJECT, TOPIC), SubscriptionName.of(PROJECT, SUBSCRIPTION), message);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(google.server.getAllServeEvents()).isEmpty();
    invoker.awaitLine(
        l ->
            l.contains("\"severity\":\"WARNING\"")
                && l.contains("\"outcome\":\"rejected\"")
                && l.contains("13029000000000001"),
        Duration.ofSeconds(30));
  }

  private static ReceivedMessage pullOne(SubscriberStub subscriber, SubscriptionName subscription) {
    for (int attempt = 0; attempt < 20; attempt++) {
      PullResponse r =
          subscriber
              .pullCallable()
              .call(
                  PullRequest.newBuilder()
                      .setSubscription(subscription.toString())
                      .setMaxMessages(1)
                      .build());
      if (r.getReceivedMessagesCount() > 0) {
        return r.getReceivedMessages(0);
      }
    }
    throw new AssertionError("no message could be pulled from " + subscription);
  }

  /** Delivers a message as Eventarc does: a binary-mode messagePublished CloudEvent. */
  private static HttpResponse<String> relay(
      TopicName topic, SubscriptionName subscription, PubsubMessage m)
      throws IOException, InterruptedException {
    ObjectNode data = JsonNodeFactory.instance.objectNode();
    ObjectNode message = data.putObject("message");
    message.put("data", Base64.getEncoder().encodeToString(m.getData().toByteArray()));
    if (m.getAttributesCount() > 0) {
      ObjectNode attributes = message.putObject("attributes");
      m.getAttributesMap().forEach(attributes::put);
    }
    message.put("messageId", m.getMessageId());
    String publishTime = Timestamps.toString(m.getPublishTime());
    message.put("publishTime", publishTime);
    data.put("subscription", subscription.toString());
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + invokerPort + "/"))
            .timeout(Duration.ofSeconds(60))
            .header("ce-specversion", "1.0")
            .header("ce-id", m.getMessageId())
            .header("ce-type", "google.cloud.pubsub.topic.v1.messagePublished")
            .header("ce-source", "//pubsub.googleapis.com/" + topic)
            .header("ce-time", publishTime)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(data), StandardCharsets.UTF_8))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * The emulator of the installed Google Cloud CLI, or null (with {@link #missing} saying why) when
   * the CLI or its emulator is not installed.
   */
  private static Path emulator() throws InterruptedException {
    String root;
    try {
      Process gcloud =
          new ProcessBuilder("gcloud", "info", "--format=value(installation.sdk_root)")
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      gcloud.getOutputStream().close();
      root = new String(gcloud.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
      gcloud.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      missing = "the Google Cloud CLI (gcloud) is not installed: " + e.getMessage();
      return null;
    }
    if (root.isEmpty()) {
      missing = "gcloud did not say where the Google Cloud SDK is installed";
      return null;
    }
    Path bin = Path.of(root, "platform", "pubsub-emulator", "bin", "cloud-pubsub-emulator");
    if (!Files.isExecutable(bin)) {
      missing =
          "the Pub/Sub emulator is not installed ("
              + bin
              + "): install the google-cloud-cli-pubsub-emulator package";
      return null;
    }
    return bin;
  }

  private static Path invokerJar() {
    List<String> candidates = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      if (entry.contains("java-function-invoker-")) {
        candidates.add(entry);
      }
    }
    assertThat(candidates).as("java-function-invoker on the test classpath").hasSize(1);
    return Path.of(candidates.get(0));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
