package dev.containerwatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.InvalidInputException;
import java.io.IOException;

/**
 * The contract every fuzz test checks: a parser returns, or refuses its input with an {@link
 * InvalidInputException} whose message is one non-blank line of bounded length. Any other exception
 * or error (a {@code NullPointerException}, a {@code StackOverflowError}) escapes to the fuzzer,
 * which reports it with the input that caused it.
 */
public final class Fuzzing {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fuzzing() {}

  /** Runs a parser on one input under the contract. */
  public static void parser(Runnable parse) {
    try {
      parse.run();
    } catch (InvalidInputException e) {
      checkMessage(e);
    }
  }

  /** Fails unless the refusal's message is one non-blank line of bounded length. */
  public static void checkMessage(InvalidInputException e) {
    String m = e.getMessage();
    if (m == null
        || m.isBlank()
        || m.indexOf('\n') >= 0
        || m.indexOf('\r') >= 0
        || m.length() > InvalidInputException.MAX_MESSAGE_LENGTH) {
      throw new AssertionError(
          "InvalidInputException message is not one bounded line: "
              + (m == null ? "null" : m.substring(0, Math.min(m.length(), 300))),
          e);
    }
  }

  /**
   * The JSON tree of the input, as a handler would parse a request body before handing it over;
   * null when it is not JSON (refusing that is the handler's job, not the parser's under test).
   */
  public static JsonNode json(byte[] data) {
    try {
      return JSON.readTree(data);
    } catch (IOException e) {
      return null;
    }
  }
}
