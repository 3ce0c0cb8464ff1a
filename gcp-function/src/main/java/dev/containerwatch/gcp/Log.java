package dev.containerwatch.gcp;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.documents.Json;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Structured log lines: one JSON object per line on standard output, which Cloud Logging reads as a
 * structured entry ({@code severity}, {@code message}, the other fields under {@code jsonPayload}).
 * Lines never carry secrets, tokens, or message bodies: only ids, types and reasons.
 *
 * <pre>{@code
 * {"severity":"WARNING","message":"event rejected: ...","outcome":"rejected","reason":"...",
 *  "eventId":"...","eventType":"...","component":"containerwatch-gcp"}
 * }</pre>
 */
public final class Log {

  /** The severities Cloud Logging knows, those this project uses. */
  public enum Severity {
    DEBUG,
    INFO,
    WARNING,
    ERROR
  }

  private final Consumer<String> out;

  public Log(Consumer<String> out) {
    this.out = out;
  }

  /** Lines to standard output, as the Cloud Run functions runtime collects them. */
  public static Log stdout() {
    PrintStream stdout = System.out;
    return new Log(stdout::println);
  }

  /** One line with a message and fields (null values left out). */
  public void write(Severity severity, String message, Map<String, ?> fields) {
    ObjectNode line = JsonNodeFactory.instance.objectNode();
    line.put("severity", severity.name());
    line.put("message", message);
    line.put("component", "containerwatch-gcp");
    fields.forEach(
        (k, v) -> {
          if (v != null) {
            line.set(k, Json.valueOf(v));
          }
        });
    out.accept(Json.write(line));
  }

  public void info(String message, Map<String, ?> fields) {
    write(Severity.INFO, message, fields);
  }

  public void warning(String message, Map<String, ?> fields) {
    write(Severity.WARNING, message, fields);
  }

  public void error(String message, Map<String, ?> fields) {
    write(Severity.ERROR, message, fields);
  }
}
