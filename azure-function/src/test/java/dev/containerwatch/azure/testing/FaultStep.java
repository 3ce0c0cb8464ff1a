package dev.containerwatch.azure.testing;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.http.Fault;

/**
 * One misbehaving answer of a fake Azure endpoint, as a fault-injection scenario lists them: a
 * status (with ARM's error body and, when given, {@code Retry-After}), an answer that comes later
 * than the client waits, a connection reset, or a 200 whose body is cut off.
 */
public record FaultStep(String label, int status, String retryAfter, int delayMillis, Fault fault) {

  /** How long a {@link #slow()} answer takes; the clients under test wait less. */
  public static final int SLOW_MILLIS = 1200;

  public static FaultStep status(int status) {
    return new FaultStep(Integer.toString(status), status, null, 0, null);
  }

  public static FaultStep throttled(String retryAfter) {
    return new FaultStep(
        "429" + (retryAfter == null ? "" : " Retry-After " + retryAfter), 429, retryAfter, 0, null);
  }

  public static FaultStep slow() {
    return new FaultStep("read timeout", 200, null, SLOW_MILLIS, null);
  }

  public static FaultStep connectionReset() {
    return new FaultStep("connection reset", 0, null, 0, Fault.CONNECTION_RESET_BY_PEER);
  }

  /** A 200 whose JSON body stops in the middle. */
  public static FaultStep garbled() {
    return new FaultStep("garbled 200", 200, null, 0, null);
  }

  ResponseDefinitionBuilder response() {
    if (fault != null) {
      return WireMock.aResponse().withFault(fault);
    }
    var r = WireMock.aResponse().withStatus(status).withHeader("Content-Type", "application/json");
    if (retryAfter != null) {
      r = r.withHeader("Retry-After", retryAfter);
    }
    if (delayMillis > 0) {
      return r.withFixedDelay(delayMillis).withBody("{}");
    }
    if (status == 200) {
      return r.withBody("{\"id\":\"/subscriptions/8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916/prov");
    }
    return r.withBody(
        status == 429
            ? "{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"The request is being throttled.\"}}"
            : "{\"error\":{\"code\":\"InternalServerError\",\"message\":\"Encountered internal server error.\"}}");
  }

  @Override
  public String toString() {
    return label;
  }
}
