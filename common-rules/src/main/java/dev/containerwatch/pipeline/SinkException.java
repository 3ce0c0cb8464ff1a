package dev.containerwatch.pipeline;

/**
 * A write to a findings store that failed after its retries. It escapes the handler so that the
 * platform retries the event (and dead-letters it in the end): a finding is never silently dropped.
 */
public class SinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SinkException(String message) {
    super(message);
  }

  public SinkException(String message, Throwable cause) {
    super(message, cause);
  }
}
