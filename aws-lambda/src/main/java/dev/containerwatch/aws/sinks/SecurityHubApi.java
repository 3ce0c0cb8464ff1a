package dev.containerwatch.aws.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The two Security Hub (CSPM) operations the sink uses, with the request and response bodies of the
 * REST API as JSON ({@code POST /findings/import} and {@code POST /findings}).
 */
public interface SecurityHubApi {

  /**
   * {@code BatchImportFindings}: the response ({@code FailedCount}, {@code SuccessCount}, {@code
   * FailedFindings[]}).
   *
   * @throws SecurityHubException when the call fails after the client's own retries
   */
  JsonNode batchImportFindings(String region, ArrayNode findings);

  /**
   * {@code GetFindings}: one page ({@code Findings[]}, {@code NextToken}).
   *
   * @param request {@code Filters}, {@code MaxResults}, {@code NextToken}
   */
  JsonNode getFindings(String region, ObjectNode request);

  /** A call that failed: the HTTP status and Security Hub's error type, when it answered. */
  final class SecurityHubException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String errorType;

    public SecurityHubException(String message, int status, String errorType, Throwable cause) {
      super(message, cause);
      this.status = status;
      this.errorType = errorType;
    }

    /** The HTTP status, 0 when there was no answer. */
    public int status() {
      return status;
    }

    /** {@code TooManyRequestsException}, {@code InvalidInputException}...; null without one. */
    public String errorType() {
      return errorType;
    }
  }
}
