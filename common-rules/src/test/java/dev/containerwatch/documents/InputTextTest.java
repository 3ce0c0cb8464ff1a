package dev.containerwatch.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InputTextTest {
  @Test
  void utf8IsDecoded() {
    assertThat(InputText.decode("a.yaml", "name: café ✓".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("name: café ✓");
  }

  @Test
  void aByteOrderMarkIsDropped() {
    byte[] withBom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '}'};
    assertThat(InputText.decode("a.json", withBom)).isEqualTo("{}");
  }

  @Test
  void utf16IsRefusedAtItsFirstByte() {
    byte[] utf16 = "{}".getBytes(StandardCharsets.UTF_16LE);
    byte[] withBom = new byte[utf16.length + 2];
    withBom[0] = (byte) 0xFF;
    withBom[1] = (byte) 0xFE;
    System.arraycopy(utf16, 0, withBom, 2, utf16.length);
    assertThatThrownBy(() -> InputText.decode("az.json", withBom))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("az.json: not valid UTF-8 (byte 0xFF at offset 0)");
  }

  @Test
  void aTruncatedSequenceAtTheEndIsRefused() {
    byte[] cut = {'"', 'c', 'a', 'f', (byte) 0xC3};
    assertThatThrownBy(() -> InputText.decode("a.json", cut))
        .hasMessage("a.json: not valid UTF-8 (byte 0xC3 at offset 4)");
  }
}
