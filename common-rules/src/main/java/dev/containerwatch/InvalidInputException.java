package dev.containerwatch;

/**
 * The one error type the project raises for input it cannot use: a malformed event or document, an
 * unknown resource type, a broken configuration value. Its message names what is wrong and where,
 * in one line, so that a handler can log it and acknowledge the event, and the command line can
 * print it and exit 2.
 *
 * <p>The message is always one line of at most {@value #MAX_MESSAGE_LENGTH} characters, whatever
 * input it quotes: line breaks and other control characters become spaces, and a longer message is
 * cut, saying how much was left out.
 *
 * <p>Any other exception escaping the project's parsers is a bug.
 */
public class InvalidInputException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The longest message, in characters. */
  public static final int MAX_MESSAGE_LENGTH = 2000;

  /** How much of a quoted input value {@link #excerpt} keeps. */
  static final int EXCERPT_LENGTH = 256;

  public InvalidInputException(String message) {
    super(oneLine(message));
  }

  public InvalidInputException(String message, Throwable cause) {
    super(oneLine(message), cause);
  }

  /**
   * A value taken from the input, made fit to quote in a message: its first {@value
   * #EXCERPT_LENGTH} characters, followed by {@code ...} when it is longer.
   */
  public static String excerpt(String value) {
    if (value == null) {
      return "null";
    }
    if (value.length() <= EXCERPT_LENGTH) {
      return value;
    }
    int kept = EXCERPT_LENGTH;
    if (Character.isHighSurrogate(value.charAt(kept - 1))) {
      kept--;
    }
    return value.substring(0, kept) + "...";
  }

  /**
   * The first line of another library's message (a parser's, which may quote the input on the lines
   * after it), to quote in a message or a log line; empty for null.
   */
  public static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  static String oneLine(String message) {
    if (message == null) {
      return "invalid input";
    }
    String text = message;
    String tail = "";
    if (text.length() > MAX_MESSAGE_LENGTH) {
      // Room for the tail, which is shorter than 40 characters.
      int kept = MAX_MESSAGE_LENGTH - 40;
      if (Character.isHighSurrogate(text.charAt(kept - 1))) {
        kept--;
      }
      tail = "... (" + (text.length() - kept) + " more characters)";
      text = text.substring(0, kept);
    }
    StringBuilder out = new StringBuilder(text.length() + tail.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? ' ' : c);
    }
    return out.append(tail).toString();
  }
}
