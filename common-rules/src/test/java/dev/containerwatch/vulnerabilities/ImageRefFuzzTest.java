package dev.containerwatch.vulnerabilities;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.containerwatch.testing.Fuzzing;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Timeout;

/**
 * Image references parse or are refused with one clear line; a parsed reference names a registry
 * kind and a canonical form.
 */
class ImageRefFuzzTest {
  @Timeout(10)
  @FuzzTest
  void parse(byte[] data) {
    String reference = new String(data, StandardCharsets.UTF_8);
    Fuzzing.parser(
        () -> {
          ImageRef ref = ImageRef.parse(reference);
          ref.kind();
          ref.canonical();
          ref.toString();
        });
  }
}
