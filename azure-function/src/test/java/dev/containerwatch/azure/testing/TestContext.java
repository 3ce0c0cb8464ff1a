package dev.containerwatch.azure.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** An {@link ExecutionContext} whose logger keeps every line, as the Functions host would. */
public final class TestContext implements ExecutionContext {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final Logger logger;
  private final List<LogRecord> records = new ArrayList<>();
  private final String functionName;

  public TestContext(String functionName) {
    this.functionName = functionName;
    this.logger = Logger.getLogger("test." + functionName + "." + System.nanoTime());
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.ALL);
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            records.add(record);
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        });
  }

  @Override
  public Logger getLogger() {
    return logger;
  }

  @Override
  public String getInvocationId() {
    return "3e5f1c2a-8b7d-4e69-a0c4-1d2b3c4d5e6f";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  /** Every line, parsed (each must be one JSON object). */
  public List<JsonNode> lines() {
    List<JsonNode> out = new ArrayList<>();
    for (LogRecord r : records) {
      try {
        out.add(JSON.readTree(r.getMessage()));
      } catch (IOException e) {
        throw new UncheckedIOException("log line is not JSON: " + r.getMessage(), e);
      }
    }
    return out;
  }

  /** The lines of one event kind ({@code rejected}, {@code ignored}, ...). */
  public List<JsonNode> lines(String event) {
    return lines().stream().filter(l -> l.path("event").asText().equals(event)).toList();
  }

  public String text() {
    StringBuilder s = new StringBuilder();
    records.forEach(r -> s.append(r.getMessage()).append('\n'));
    return s.toString();
  }
}
