package dev.containerwatch.gcp;

import com.google.cloud.functions.CloudEventsFunction;
import io.cloudevents.CloudEvent;
import io.cloudevents.CloudEventData;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Entry point of the CloudEvent function ({@code --entry-point
 * dev.containerwatch.gcp.PubSubFunction}), triggered by Eventarc on {@code
 * google.cloud.pubsub.topic.v1.messagePublished} for the Cloud Asset feed topic, the {@code gcr}
 * topic, {@code container-analysis-occurrences-v1}, the audit log sink's topic and the scheduler's
 * topic. Returning normally acknowledges the event; throwing makes Eventarc retry it.
 */
public final class PubSubFunction implements CloudEventsFunction {
  private final Supplier<PubSubHandler> handler;

  /** Used by the Functions Framework: the runtime of this instance, built on the first event. */
  public PubSubFunction() {
    this(() -> Instances.runtime().pubSub());
  }

  PubSubFunction(Supplier<PubSubHandler> handler) {
    this.handler = handler;
  }

  @Override
  public void accept(CloudEvent event) {
    CloudEventData data = event.getData();
    Instant time = event.getTime() == null ? null : event.getTime().toInstant();
    handler
        .get()
        .handle(
            event.getId(),
            event.getType(),
            event.getSource() == null ? null : event.getSource().toString(),
            time,
            data == null ? null : data.toBytes());
  }
}
