package dev.containerwatch.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: a produced JSON value must equal the file next to its input. Run with {@code
 * -Dgolden.update=true} to rewrite the files after an intended change, then review the diff.
 */
public final class Golden {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Golden() {}

  public static void assertMatches(Path expectedFile, JsonNode actual) throws IOException {
    String rendered = JSON.writeValueAsString(actual) + "\n";
    if (Boolean.getBoolean("golden.update") || !Files.exists(expectedFile)) {
      boolean existed = Files.exists(expectedFile);
      Files.writeString(expectedFile, rendered);
      assertThat(existed)
          .as(
              "golden file %s was missing and has been written; review it and run again",
              expectedFile)
          .isTrue();
      return;
    }
    JsonNode expected = JSON.readTree(expectedFile.toFile());
    assertThat(JSON.writeValueAsString(actual))
        .as(
            "output for %s (rerun with -Dgolden.update=true after an intended change)",
            expectedFile)
        .isEqualTo(JSON.writeValueAsString(expected));
  }
}
