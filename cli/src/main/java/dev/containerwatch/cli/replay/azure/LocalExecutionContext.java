package dev.containerwatch.cli.replay.azure;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.azure.functions.ExecutionContext;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** The execution context of a local invocation: its logger keeps the function's JSON lines. */
final class LocalExecutionContext implements ExecutionContext {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final String functionName;
  private final Logger logger;
  private final List<String> lines = new ArrayList<>();

  LocalExecutionContext(String functionName) {
    this.functionName = functionName;
    this.logger = Logger.getAnonymousLogger();
    logger.setUseParentHandlers(false);
    logger.setLevel(Level.ALL);
    logger.addHandler(
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            synchronized (lines) {
              lines.add(record.getMessage());
            }
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
    return "containerwatch-replay";
  }

  @Override
  public String getFunctionName() {
    return functionName;
  }

  /**
   * The reasons of the lines logged with one of these events ({@code rejected}, {@code ignored}).
   */
  List<String> reasons(String event) {
    List<String> out = new ArrayList<>();
    synchronized (lines) {
      for (String line : lines) {
        try {
          JsonNode l = JSON.readTree(line);
          if (l.path("event").asText().equals(event) && l.has("reason")) {
            out.add(l.path("reason").asText());
          }
        } catch (IOException e) {
          // not one of the function's JSON lines
        }
      }
    }
    return out;
  }
}
