package dev.containerwatch.azure.loaders;

import dev.containerwatch.pipeline.SinkException;

/**
 * An ARM request that failed for good: a 4xx other than throttling, or a 5xx after every retry. It
 * is a {@link SinkException}, so that a failed write escapes the handler and the platform retries
 * the event; loaders catch it to tell "forbidden" from "not there".
 */
public class ArmException extends SinkException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;

  public ArmException(String message, int status, String code) {
    super(message);
    this.status = status;
    this.code = code;
  }

  /** The HTTP status; 0 when no response came. */
  public int status() {
    return status;
  }

  /** ARM's {@code error.code} ({@code AuthorizationFailed}), or null. */
  public String code() {
    return code;
  }
}
