package dev.containerwatch.azure.handlers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.documents.Json;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One JSON object per log line, on the invocation's logger (Application Insights keeps each as a
 * trace): {@code {"level":"warning","function":"eventGrid","invocationId":"...","event":"rejected",
 * "eventId":"...","reason":"..."}}. Only ids, counts and reasons are logged: never an event body, a
 * token, a secret or a query string.
 */
public final class JsonLog {
  private final Logger logger;
  private final String function;
  private final String invocationId;

  public JsonLog(Logger logger, String function, String invocationId) {
    this.logger = logger;
    this.function = function;
    this.invocationId = invocationId;
  }

  /** A log that drops everything (for callers without an invocation). */
  public static JsonLog discarding() {
    Logger l = Logger.getAnonymousLogger();
    l.setLevel(Level.OFF);
    l.setUseParentHandlers(false);
    return new JsonLog(l, "none", "none");
  }

  public void info(String event, Object... fields) {
    log(Level.INFO, event, fields);
  }

  public void warn(String event, Object... fields) {
    log(Level.WARNING, event, fields);
  }

  public void error(String event, Object... fields) {
    log(Level.SEVERE, event, fields);
  }

  /** {@code fields} alternate names and values. */
  private void log(Level level, String event, Object... fields) {
    if (!logger.isLoggable(level)) {
      return;
    }
    logger.log(level, line(level, event, fields));
  }

  String line(Level level, String event, Object... fields) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("level", level == Level.SEVERE ? "error" : level == Level.WARNING ? "warning" : "info");
    o.put("function", function);
    o.put("invocationId", invocationId);
    o.put("event", event);
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i + 1 < fields.length; i += 2) {
      map.put(String.valueOf(fields[i]), fields[i + 1]);
    }
    map.forEach(
        (k, v) -> {
          if (v == null) {
            o.putNull(k);
          } else if (v instanceof Number) {
            o.put(k, ((Number) v).longValue());
          } else if (v instanceof Boolean) {
            o.put(k, (Boolean) v);
          } else if (v instanceof Collection) {
            var array = o.putArray(k);
            ((Collection<?>) v).forEach(x -> array.add(String.valueOf(x)));
          } else if (v instanceof Map) {
            ObjectNode inner = o.putObject(k);
            ((Map<?, ?>) v).forEach((a, b) -> inner.put(String.valueOf(a), String.valueOf(b)));
          } else {
            o.put(k, String.valueOf(v));
          }
        });
    return Json.write(o);
  }
}
