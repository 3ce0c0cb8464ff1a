package dev.containerwatch.config;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.Fuzzing;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/** The configuration loader reads any text or refuses it with one clear line. */
class ConfigurationLoaderFuzzTest {
  private static final ConfigurationLoader LOADER =
      new ConfigurationLoader(Catalog.bundled(), Rules.all());

  @Timeout(10)
  @FuzzTest
  void parse(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    Fuzzing.parser(() -> LOADER.parse(text, "fuzz.yaml"));
  }
}
