package dev.containerwatch.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.securitycenter.v1.Finding;
import com.google.cloud.securitycenter.v1.UpdateFindingRequest;
import com.google.container.v1.Cluster;
import com.google.container.v1.GetClusterRequest;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gRPC transport ({@code CONTAINERWATCH_GCP_TRANSPORT=grpc}), end to end against a local gRPC
 * server that speaks the real services' methods ({@code
 * google.container.v1.ClusterManager/GetCluster}, {@code
 * google.cloud.securitycenter.v1.SecurityCenter/UpdateFinding}) in plain text: the same event must
 * give the same findings and the same SCC writes as over HTTP/JSON.
 */
class GrpcTransportTest {
  private static Server server;
  private static final List<UpdateFindingRequest> updates = new CopyOnWriteArrayList<>();
  private static final List<String> clusterReads = new CopyOnWriteArrayList<>();

  @BeforeAll
  static void start() throws IOException {
    ServerServiceDefinition clusterManager =
        ServerServiceDefinition.builder("google.container.v1.ClusterManager")
            .addMethod(
                unary(
                    "google.container.v1.ClusterManager/GetCluster",
                    GetClusterRequest.getDefaultInstance(),
                    Cluster.getDefaultInstance()),
                ServerCalls.asyncUnaryCall(
                    (GetClusterRequest request, io.grpc.stub.StreamObserver<Cluster> out) -> {
                      clusterReads.add(request.getName());
                      Path file =
                          FakeGoogle.RESOURCES.resolve(
                              "container/v1/" + request.getName() + ".json");
                      if (!Files.exists(file)) {
                        out.onError(
                            Status.NOT_FOUND
                                .withDescription("Not found: " + request.getName())
                                .asRuntimeException());
                        return;
                      }
                      out.onNext(parse(file, Cluster.newBuilder()));
                      out.onCompleted();
                    }))
            .build();
    ServerServiceDefinition securityCenter =
        ServerServiceDefinition.builder("google.cloud.securitycenter.v1.SecurityCenter")
            .addMethod(
                unary(
                    "google.cloud.securitycenter.v1.SecurityCenter/UpdateFinding",
                    UpdateFindingRequest.getDefaultInstance(),
                    Finding.getDefaultInstance()),
                ServerCalls.asyncUnaryCall(
                    (UpdateFindingRequest request, io.grpc.stub.StreamObserver<Finding> out) -> {
                      updates.add(request);
                      out.onNext(request.getFinding());
                      out.onCompleted();
                    }))
            // The sink reads a resource's stored findings before writing: none are stored here.
            .addMethod(
                unary(
                    "google.cloud.securitycenter.v1.SecurityCenter/ListFindings",
                    com.google.cloud.securitycenter.v1.ListFindingsRequest.getDefaultInstance(),
                    com.google.cloud.securitycenter.v1.ListFindingsResponse.getDefaultInstance()),
                ServerCalls.asyncUnaryCall(
                    (com.google.cloud.securitycenter.v1.ListFindingsRequest request,
                        io.grpc.stub.StreamObserver<
                                com.google.cloud.securitycenter.v1.ListFindingsResponse>
                            out) -> {
                      out.onNext(
                          com.google.cloud.securitycenter.v1.ListFindingsResponse
                              .getDefaultInstance());
                      out.onCompleted();
                    }))
            .build();
    server =
        Grpc.newServerBuilderForPort(0, InsecureServerCredentials.create())
            .addService(clusterManager)
            .addService(securityCenter)
            .build()
            .start();
  }

  @AfterAll
  static void stop() {
    server.shutdownNow();
  }

  private static <Q extends Message, R extends Message> MethodDescriptor<Q, R> unary(
      String name, Q request, R response) {
    return MethodDescriptor.<Q, R>newBuilder()
        .setType(MethodDescriptor.MethodType.UNARY)
        .setFullMethodName(name)
        .setRequestMarshaller(ProtoUtils.marshaller(request))
        .setResponseMarshaller(ProtoUtils.marshaller(response))
        .build();
  }

  @SuppressWarnings("unchecked")
  private static <T extends Message> T parse(Path file, Message.Builder builder) {
    try {
      JsonFormat.parser().ignoringUnknownFields().merge(Files.readString(file), builder);
      return (T) builder.build();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aNodePoolEventOverGrpcGivesTheSameWritesAsOverHttpJson() throws IOException {
    try (FakeGoogle google = new FakeGoogle()) {
      Map<String, String> env = google.env();
      env.put("CONTAINERWATCH_GCP_TRANSPORT", "grpc");
      env.put("CONTAINERWATCH_CONTAINER_ENDPOINT", "http://127.0.0.1:" + server.getPort());
      env.put("CONTAINERWATCH_SCC_ENDPOINT", "http://127.0.0.1:" + server.getPort());
      PubSubHandler.Outcome outcome;
      try (GcpRuntime runtime = google.runtime(env)) {
        outcome = FakeGoogle.deliver(runtime, "asset-nodepool-created");
      }

      assertThat(clusterReads)
          .containsExactly(
              "projects/nordwind-shop-prod/locations/us-central1/clusters/checkout-usc1");
      assertThat(google.server.getAllServeEvents()).as("nothing went over HTTP/JSON").isEmpty();
      assertThat(outcome.findings()).hasSize(12);
      // The HTTP/JSON golden of the same sample: same findings, states and masks.
      var golden =
          FakeGoogle.readFile(FakeGoogle.GOLDEN.resolve("asset-nodepool-created.json"))
              .path("sccRequests");
      assertThat(updates).hasSize(golden.size());
      Map<String, String> states = new java.util.TreeMap<>();
      golden.forEach(
          r ->
              states.put(
                  r.path("body").path("name").asText(), r.path("body").path("state").asText()));
      Function<UpdateFindingRequest, String> state =
          u -> String.valueOf(u.getFinding().getStateValue());
      Map<String, String> grpcStates = new java.util.TreeMap<>();
      updates.forEach(u -> grpcStates.put(u.getFinding().getName(), state.apply(u)));
      assertThat(grpcStates).isEqualTo(states);
      assertThat(updates)
          .allSatisfy(
              u ->
                  assertThat(u.getUpdateMask())
                      .isEqualTo(dev.containerwatch.gcp.sinks.SccFindings.UPDATE_MASK));
    }
  }
}
