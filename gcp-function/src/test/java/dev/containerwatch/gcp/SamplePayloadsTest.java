package dev.containerwatch.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each sample's message data is base64, as Eventarc delivers it; its readable form is kept in
 * {@code payloads/<sample>.json} (or {@code .txt}). They must say the same thing. With {@code
 * -Dgolden.update=true} the sample's data is re-encoded from the payload after an intended change.
 */
class SamplePayloadsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  static Stream<Path> payloads() throws IOException {
    Stream<Path> main = Files.list(FakeGoogle.SAMPLES.resolve("payloads"));
    Stream<Path> rejected = Files.list(FakeGoogle.SAMPLES.resolve("rejected/payloads"));
    return Stream.concat(main, rejected).sorted();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("payloads")
  void sampleDataIsItsPayload(Path payload) throws IOException {
    String file = payload.getFileName().toString();
    String name = file.substring(0, file.lastIndexOf('.'));
    Path sample = payload.getParent().getParent().resolve(name + ".json");
    assertThat(sample).exists();
    byte[] expected =
        file.endsWith(".json")
            ? JSON.writeValueAsBytes(JSON.readTree(payload.toFile()))
            : Files.readAllBytes(payload);
    JsonNode event = JSON.readTree(sample.toFile());
    JsonNode message = event.path("data").path("message");
    byte[] current = Base64.getDecoder().decode(message.path("data").asText());
    if (Boolean.getBoolean("golden.update") && !java.util.Arrays.equals(current, expected)) {
      ((ObjectNode) message).put("data", Base64.getEncoder().encodeToString(expected));
      Files.writeString(
          sample, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(event) + "\n");
    }
    byte[] actual = Base64.getDecoder().decode(message.path("data").asText());
    assertThat(new String(actual, StandardCharsets.UTF_8))
        .isEqualTo(new String(expected, StandardCharsets.UTF_8));
  }
}
