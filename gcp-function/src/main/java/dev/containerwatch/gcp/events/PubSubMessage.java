package dev.containerwatch.gcp.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

/**
 * A Pub/Sub message as Eventarc delivers it inside a {@code messagePublished} CloudEvent.
 *
 * @param data the publisher's bytes (base64-decoded); empty when the message has only attributes
 * @param publishTime when Pub/Sub accepted the message, or null when the envelope does not say
 */
public record PubSubMessage(
    byte[] data, Map<String, String> attributes, String messageId, Instant publishTime) {

  public PubSubMessage {
    data = data == null ? new byte[0] : data.clone();
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  public String text() {
    return new String(data, StandardCharsets.UTF_8);
  }
}
