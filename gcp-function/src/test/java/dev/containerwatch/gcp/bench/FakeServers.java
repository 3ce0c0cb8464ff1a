package dev.containerwatch.gcp.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.google.cloud.securitycenter.v1.Finding;
import com.google.cloud.securitycenter.v1.UpdateFindingRequest;
import com.google.container.v1.Cluster;
import com.google.container.v1.GetClusterRequest;
import com.google.protobuf.util.JsonFormat;
import io.grpc.Grpc;
import io.grpc.InsecureServerCredentials;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The servers {@link TransportStartup} talks to, in their own process: WireMock (HTTP/JSON) and a
 * plain-text gRPC server, both answering {@code clusters.get} with the sample cluster and {@code
 * UpdateFinding} with the finding. {@code FakeServers CLUSTER_JSON HTTP_PORT GRPC_PORT}.
 */
public final class FakeServers {
  private FakeServers() {}

  public static void main(String[] args) throws Exception {
    String json = Files.readString(Path.of(args[0]));
    WireMockServer http =
        new WireMockServer(
            WireMockConfiguration.options()
                .port(Integer.parseInt(args[1]))
                .bindAddress("127.0.0.1"));
    http.start();
    http.stubFor(get(urlPathMatching("/v1/projects/.*/clusters/.*")).willReturn(okJson(json)));
    http.stubFor(any(anyUrl()).atPriority(10).willReturn(okJson("{}")));
    Cluster.Builder cluster = Cluster.newBuilder();
    JsonFormat.parser().ignoringUnknownFields().merge(json, cluster);
    Cluster answer = cluster.build();
    ServerServiceDefinition gke =
        ServerServiceDefinition.builder("google.container.v1.ClusterManager")
            .addMethod(
                MethodDescriptor.<GetClusterRequest, Cluster>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName("google.container.v1.ClusterManager/GetCluster")
                    .setRequestMarshaller(
                        ProtoUtils.marshaller(GetClusterRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(Cluster.getDefaultInstance()))
                    .build(),
                ServerCalls.asyncUnaryCall(
                    (GetClusterRequest r, io.grpc.stub.StreamObserver<Cluster> o) -> {
                      o.onNext(answer);
                      o.onCompleted();
                    }))
            .build();
    ServerServiceDefinition scc =
        ServerServiceDefinition.builder("google.cloud.securitycenter.v1.SecurityCenter")
            .addMethod(
                MethodDescriptor.<UpdateFindingRequest, Finding>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(
                        "google.cloud.securitycenter.v1.SecurityCenter/UpdateFinding")
                    .setRequestMarshaller(
                        ProtoUtils.marshaller(UpdateFindingRequest.getDefaultInstance()))
                    .setResponseMarshaller(ProtoUtils.marshaller(Finding.getDefaultInstance()))
                    .build(),
                ServerCalls.asyncUnaryCall(
                    (UpdateFindingRequest r, io.grpc.stub.StreamObserver<Finding> o) -> {
                      o.onNext(r.getFinding());
                      o.onCompleted();
                    }))
            .build();
    Grpc.newServerBuilderForPort(Integer.parseInt(args[2]), InsecureServerCredentials.create())
        .addService(gke)
        .addService(scc)
        .build()
        .start()
        .awaitTermination();
  }
}
