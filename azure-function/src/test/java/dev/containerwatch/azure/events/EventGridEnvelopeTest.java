package dev.containerwatch.azure.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventGridEnvelopeTest {

  @Test
  void readsTheEventGridSchemaAsAnArrayOrASingleEvent() {
    String one =
        "{\"id\":\"e1\",\"topic\":\"/subscriptions/s\",\"subject\":\"x\",\"eventType\":\"T\","
            + "\"eventTime\":\"2026-11-29T10:02:17.3311906Z\",\"data\":{\"a\":1},\"dataVersion\":\"2\"}";

    List<GridEvent> single = EventGridEnvelope.parse(one);
    List<GridEvent> array =
        EventGridEnvelope.parse("[" + one + "," + one.replace("e1", "e2") + "]");

    assertThat(single).hasSize(1);
    assertThat(single.get(0).schema()).isEqualTo(GridEvent.Schema.EVENT_GRID);
    assertThat(single.get(0).source()).isEqualTo("/subscriptions/s");
    assertThat(single.get(0).time()).isEqualTo(Instant.parse("2026-11-29T10:02:17.3311906Z"));
    assertThat(array).extracting(GridEvent::id).containsExactly("e1", "e2");
  }

  @Test
  void readsCloudEventsWithDataAsAJsonStringOrBase64() {
    String data = "{\"target\":{\"digest\":\"sha256:ab\"}}";
    String asString =
        "{\"specversion\":\"1.0\",\"id\":\"c1\",\"type\":\"T\",\"source\":\"/s\",\"time\":\"2026-11-29T10:00:00+00:00\","
            + "\"data\":\""
            + data.replace("\"", "\\\"")
            + "\"}";
    String asBase64 =
        "{\"specversion\":\"1.0\",\"id\":\"c2\",\"type\":\"T\",\"source\":\"/s\",\"data_base64\":\""
            + Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8))
            + "\"}";

    GridEvent a = EventGridEnvelope.parse(asString).get(0);
    GridEvent b = EventGridEnvelope.parse(asBase64).get(0);

    assertThat(a.schema()).isEqualTo(GridEvent.Schema.CLOUD_EVENTS);
    assertThat(a.data().path("target").path("digest").asText()).isEqualTo("sha256:ab");
    assertThat(a.time()).isEqualTo(Instant.parse("2026-11-29T10:00:00Z"));
    assertThat(b.data().path("target").path("digest").asText()).isEqualTo("sha256:ab");
    assertThat(b.time()).isNull();
  }

  @Test
  void namesWhatIsMalformed() {
    assertThatThrownBy(() -> EventGridEnvelope.parse("[]"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("Event Grid: delivery is an empty array");
    assertThatThrownBy(() -> EventGridEnvelope.parse("[{\"eventType\":\"T\"}]"))
        .hasMessage("Event Grid: event [0] has no id");
    assertThatThrownBy(
            () ->
                EventGridEnvelope.parse(
                    "{\"id\":\"x\",\"eventType\":\"T\",\"eventTime\":\"yesterday\"}"))
        .hasMessageContaining("eventTime 'yesterday', not an ISO-8601 time");
    assertThatThrownBy(
            () ->
                EventGridEnvelope.parse("{\"id\":\"x\",\"eventType\":\"T\",\"data\":\"{broken\"}"))
        .hasMessageContaining("data string that is not valid JSON");
  }
}
