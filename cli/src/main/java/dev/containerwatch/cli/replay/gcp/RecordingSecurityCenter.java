package dev.containerwatch.cli.replay.gcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.api.core.ApiFuture;
import com.google.api.core.ApiFutures;
import com.google.api.gax.rpc.ApiCallContext;
import com.google.api.gax.rpc.UnaryCallable;
import com.google.cloud.securitycenter.v1.Finding;
import com.google.cloud.securitycenter.v1.ListFindingsRequest;
import com.google.cloud.securitycenter.v1.ListFindingsResponse;
import com.google.cloud.securitycenter.v1.SecurityCenterClient;
import com.google.cloud.securitycenter.v1.SetFindingStateRequest;
import com.google.cloud.securitycenter.v1.UpdateFindingRequest;
import com.google.cloud.securitycenter.v1.stub.SecurityCenterStub;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A Security Command Center that keeps what it is sent: the GCP function's {@code SccSink} talks to
 * it through a real {@link SecurityCenterClient}, and its {@code UpdateFinding} and {@code
 * SetFindingState} requests are kept in order, as the API's JSON ({@code {"operation", "body"}}):
 * the {@code scc} output. Every finding exists, as after its first write.
 */
public final class RecordingSecurityCenter extends SecurityCenterStub {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final ArrayNode requests = JsonNodeFactory.instance.arrayNode();
  private final SecurityCenterClient client = SecurityCenterClient.create(this);

  public SecurityCenterClient client() {
    return client;
  }

  /** The requests received: {@code {"operation": "UpdateFinding", "body": {...}}}. */
  public synchronized ArrayNode requests() {
    return requests.deepCopy();
  }

  private synchronized void record(String operation, Message request) {
    ObjectNode r = requests.addObject();
    r.put("operation", operation);
    try {
      r.set("body", JSON.readTree(JsonFormat.printer().print(request)));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public UnaryCallable<UpdateFindingRequest, Finding> updateFindingCallable() {
    return new UnaryCallable<>() {
      @Override
      public ApiFuture<Finding> futureCall(UpdateFindingRequest request, ApiCallContext context) {
        record("UpdateFinding", request);
        return ApiFutures.immediateFuture(request.getFinding());
      }
    };
  }

  /**
   * Nothing is stored in a replay: the sink's ordering read finds no finding, as for a first write
   * (so a deletion resolves nothing).
   */
  @Override
  public UnaryCallable<ListFindingsRequest, ListFindingsResponse> listFindingsCallable() {
    return new UnaryCallable<>() {
      @Override
      public ApiFuture<ListFindingsResponse> futureCall(
          ListFindingsRequest request, ApiCallContext context) {
        return ApiFutures.immediateFuture(ListFindingsResponse.getDefaultInstance());
      }
    };
  }

  @Override
  public UnaryCallable<SetFindingStateRequest, Finding> setFindingStateCallable() {
    return new UnaryCallable<>() {
      @Override
      public ApiFuture<Finding> futureCall(SetFindingStateRequest request, ApiCallContext context) {
        record("SetFindingState", request);
        return ApiFutures.immediateFuture(
            Finding.newBuilder().setName(request.getName()).setState(request.getState()).build());
      }
    };
  }

  @Override
  public void close() {}

  @Override
  public void shutdown() {}

  @Override
  public boolean isShutdown() {
    return false;
  }

  @Override
  public boolean isTerminated() {
    return false;
  }

  @Override
  public void shutdownNow() {}

  @Override
  public boolean awaitTermination(long duration, TimeUnit unit) {
    return true;
  }
}
