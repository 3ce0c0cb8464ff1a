package dev.containerwatch.azure.handlers;

/**
 * The log of the invocation running on this thread, for the parts built once per container (the
 * sinks) that have something to say about one invocation's findings.
 */
public final class InvocationLog {
  private static final ThreadLocal<JsonLog> CURRENT = new ThreadLocal<>();
  private static final JsonLog NONE = JsonLog.discarding();

  private InvocationLog() {}

  public static JsonLog current() {
    JsonLog log = CURRENT.get();
    return log == null ? NONE : log;
  }

  /** Sets the log for the thread until the returned scope is closed. */
  public static Scope open(JsonLog log) {
    JsonLog previous = CURRENT.get();
    CURRENT.set(log);
    return () -> {
      if (previous == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(previous);
      }
    };
  }

  /** Restores the previous log on close. */
  public interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
