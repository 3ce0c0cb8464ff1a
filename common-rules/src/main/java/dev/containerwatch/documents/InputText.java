package dev.containerwatch.documents;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.containerwatch.InvalidInputException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The text of an input: strict UTF-8, so that a file in another encoding (PowerShell's UTF-16, a
 * Latin-1 export) is refused where it is wrong instead of being read with replacement characters. A
 * leading byte order mark is dropped. And what a JSON or YAML parse error says, in one line.
 */
public final class InputText {
  private InputText() {}

  /**
   * Decodes UTF-8.
   *
   * @param where names the input in the message, e.g. {@code cluster.json}
   * @throws InvalidInputException naming the first byte that is not UTF-8 and its offset
   */
  public static String decode(String where, byte[] content) {
    int start =
        content.length >= 3
                && content[0] == (byte) 0xEF
                && content[1] == (byte) 0xBB
                && content[2] == (byte) 0xBF
            ? 3
            : 0;
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(content, start, content.length - start);
    CharBuffer out = CharBuffer.allocate(content.length - start);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int at = in.position();
      throw new InvalidInputException(
          where
              + ": not valid UTF-8 (byte 0x"
              + String.format(Locale.ROOT, "%02X", content[at] & 0xFF)
              + " at offset "
              + at
              + ")");
    }
    return out.flip().toString();
  }

  /**
   * What a JSON or YAML parse error says, in one line: the problem and where it is (line and
   * column, from 1), without the parser's own quoting of the input.
   */
  public static String problem(JsonProcessingException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof MarkedYAMLException) {
        MarkedYAMLException yaml = (MarkedYAMLException) t;
        String what =
            (yaml.getContext() == null ? "" : yaml.getContext() + " ")
                + (yaml.getProblem() == null ? "" : yaml.getProblem());
        Mark mark = yaml.getProblemMark() != null ? yaml.getProblemMark() : yaml.getContextMark();
        return what.strip()
            + (mark == null
                ? ""
                : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1));
      }
    }
    String message =
        e.getOriginalMessage() == null
            ? e.getClass().getSimpleName()
            // Jackson names the constraint's getter: the limit itself says enough.
            : e.getOriginalMessage().replaceAll(", from `[^`]*`", "").replaceAll("\\s+", " ");
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? message.strip()
        : message.strip() + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
  }
}
