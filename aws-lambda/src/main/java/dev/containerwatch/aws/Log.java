package dev.containerwatch.aws;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.documents.Json;
import java.io.PrintStream;
import java.util.function.Consumer;

/**
 * The function's log: one JSON object per line on standard output (CloudWatch Logs keeps each as
 * one event), with {@code level}, {@code message} and the facts of the outcome. Never a secret: no
 * credentials, no webhook URL, no document content beyond ids and reasons.
 */
public final class Log {
  private final Consumer<String> out;

  public Log(Consumer<String> out) {
    this.out = out;
  }

  public static Log to(PrintStream stream) {
    return new Log(stream::println);
  }

  /** A line to fill and write: {@code log.info("evaluated").put("findings", 3).write()}. */
  public Line info(String message) {
    return new Line("INFO", message);
  }

  public Line warn(String message) {
    return new Line("WARN", message);
  }

  public Line error(String message) {
    return new Line("ERROR", message);
  }

  /** One log line being built. */
  public final class Line {
    private final ObjectNode node = JsonNodeFactory.instance.objectNode();

    private Line(String level, String message) {
      node.put("level", level);
      node.put("message", message);
    }

    public Line put(String key, String value) {
      node.put(key, value);
      return this;
    }

    public Line put(String key, long value) {
      node.put(key, value);
      return this;
    }

    public ObjectNode node() {
      return node;
    }

    public void write() {
      out.accept(Json.write(node));
    }
  }
}
