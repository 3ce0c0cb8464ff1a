package dev.containerwatch.azure.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.findings.Finding;
import java.util.List;

/** An HTTP function's answer: status and JSON body, and the findings it wrote. */
public record HttpOutcome(int status, JsonNode body, List<Finding> findings) {

  public HttpOutcome {
    findings = List.copyOf(findings);
  }

  public static HttpOutcome error(int status, String message) {
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("error", message);
    return new HttpOutcome(status, body, List.of());
  }
}
