package dev.containerwatch.gcp.loaders;

/**
 * A read from a cloud API that failed after its retries (or for good: permission denied, an API not
 * enabled). It escapes the handler so that the platform retries the event later; unlike bad input,
 * it is not the event's fault.
 */
public class LoadException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LoadException(String message, Throwable cause) {
    super(message, cause);
  }

  public LoadException(String message) {
    super(message);
  }
}
