package dev.containerwatch;

/**
 * The one error type the project raises for input it cannot use: a malformed event or document, an
 * unknown resource type, a broken configuration value. Its message names what is wrong and where,
 * in one line, so that a handler can log it and acknowledge the event, and the command line can
 * print it and exit 2.
 *
 * <p>Any other exception escaping the project's parsers is a bug.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(String message) {
    super(message);
  }

  public InvalidInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
