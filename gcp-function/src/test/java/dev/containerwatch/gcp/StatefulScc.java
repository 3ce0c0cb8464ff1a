package dev.containerwatch.gcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Security Command Center that keeps its findings, as a WireMock transformer ({@value #NAME}) of
 * the v1 REST calls the sink makes: {@code UpdateFinding} (PATCH, creates or replaces the fields of
 * its {@code updateMask}), {@code SetFindingState} (POST {@code :setState}; 404 for a finding that
 * does not exist; the state changes, {@code eventTime} does not) and {@code ListFindings} (GET,
 * with a {@code resource_name="..."} filter). Like SCC, it applies every update whatever its {@code
 * eventTime}: ordering is the sink's job.
 */
final class StatefulScc implements ResponseDefinitionTransformerV2 {
  static final String NAME = "stateful-scc";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern FILTER = Pattern.compile("resource_name=\"([^\"]*)\"");

  private final Map<String, ObjectNode> findings = new TreeMap<>();
  final AtomicInteger writes = new AtomicInteger();

  synchronized void clear() {
    findings.clear();
    writes.set(0);
  }

  /** The stored findings, by name (copies). */
  synchronized Map<String, JsonNode> stored() {
    Map<String, JsonNode> out = new TreeMap<>();
    findings.forEach((k, v) -> out.put(k, v.deepCopy()));
    return out;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public synchronized ResponseDefinition transform(ServeEvent event) {
    Request r = event.getRequest();
    String path = r.getUrl().split("\\?", 2)[0];
    String method = r.getHeader("X-HTTP-Method-Override");
    method = method != null ? method : r.getMethod().getName();
    if (method.equals("GET")) {
      String filter =
          r.queryParameter("filter").isPresent() ? r.queryParameter("filter").firstValue() : "";
      Matcher m = FILTER.matcher(URLDecoder.decode(filter, StandardCharsets.UTF_8));
      String resource = m.find() ? m.group(1) : null;
      ObjectNode answer = JSON.createObjectNode();
      ArrayNode results = answer.putArray("listFindingsResults");
      findings.values().stream()
          .filter(f -> resource == null || resource.equals(f.path("resourceName").asText()))
          .forEach(f -> results.addObject().set("finding", f.deepCopy()));
      return json(200, answer);
    }
    String name = path.substring("/v1/".length());
    JsonNode body = read(r.getBodyAsString());
    writes.incrementAndGet();
    if (name.endsWith(":setState")) {
      ObjectNode stored = findings.get(name.substring(0, name.length() - ":setState".length()));
      if (stored == null) {
        return json(
            404,
            read(
                "{\"error\":{\"code\":404,\"status\":\"NOT_FOUND\",\"message\":\"Finding not found\"}}"));
      }
      stored.put("state", body.path("state").asText());
      return json(200, stored);
    }
    ObjectNode stored = findings.get(name);
    if (stored == null) {
      stored = ((ObjectNode) body).deepCopy();
      stored.put("name", name);
      findings.put(name, stored);
    } else {
      String mask =
          r.queryParameter("updateMask").isPresent()
              ? r.queryParameter("updateMask").firstValue()
              : "";
      for (String field : URLDecoder.decode(mask, StandardCharsets.UTF_8).split(",")) {
        String camel = camel(field.strip());
        if (body.has(camel)) {
          stored.set(camel, body.get(camel).deepCopy());
        } else {
          stored.remove(camel);
        }
      }
    }
    return json(200, stored);
  }

  private static String camel(String snake) {
    StringBuilder b = new StringBuilder();
    boolean up = false;
    for (char c : snake.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        b.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return b.toString();
  }

  private static ResponseDefinition json(int status, JsonNode body) {
    return com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body.toString())
        .build();
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text == null || text.isEmpty() ? "{}" : text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
