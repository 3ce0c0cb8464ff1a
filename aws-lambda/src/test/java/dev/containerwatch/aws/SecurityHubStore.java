package dev.containerwatch.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A model of Security Hub's findings store behind WireMock, with the semantics the sink relies on:
 * {@code BatchImportFindings} upserts by {@code Id}, and an update whose {@code UpdatedAt} is not
 * later than the stored one is ignored (it still counts as a success, as in Security Hub); an
 * archived finding is a finding like any other ({@code RecordState ARCHIVED}), brought back only by
 * a later update. {@code GetFindings} answers from what is stored, with the filters the sink uses
 * ({@code ProductArn}, {@code RecordState}, {@code Region}, {@code ResourceId} EQUALS or PREFIX,
 * {@code ProductFields} EQUALS), in one page.
 */
final class SecurityHubStore implements ResponseTransformerV2 {
  static final String NAME = "security-hub-store";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, ObjectNode> findings = new LinkedHashMap<>();
  private final List<String> applied = new ArrayList<>();
  private final List<String> ignored = new ArrayList<>();

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public boolean applyGlobally() {
    return false;
  }

  @Override
  public synchronized Response transform(Response response, ServeEvent serveEvent) {
    JsonNode request = read(serveEvent.getRequest().getBodyAsString());
    String path = serveEvent.getRequest().getUrl();
    ObjectNode answer = JSON.createObjectNode();
    if (path.equals("/findings/import")) {
      int count = 0;
      for (JsonNode f : request.path("Findings")) {
        upsert((ObjectNode) f);
        count++;
      }
      answer.put("FailedCount", 0).put("SuccessCount", count).putArray("FailedFindings");
    } else {
      ArrayNode out = answer.putArray("Findings");
      for (ObjectNode f : findings.values()) {
        if (matches(f, request.path("Filters"))) {
          out.add(f.deepCopy());
        }
      }
    }
    return Response.Builder.like(response).but().body(answer.toString()).build();
  }

  private void upsert(ObjectNode update) {
    String id = update.path("Id").asText();
    ObjectNode stored = findings.get(id);
    if (stored != null && !time(update).isAfter(time(stored))) {
      ignored.add(id);
      return;
    }
    findings.put(id, update.deepCopy());
    applied.add(id);
  }

  private static boolean matches(ObjectNode f, JsonNode filters) {
    for (var filter : filters.properties()) {
      for (JsonNode c : filter.getValue()) {
        String actual;
        String value = c.path("Value").asText();
        switch (filter.getKey()) {
          case "ResourceId":
            actual = f.path("Resources").path(0).path("Id").asText();
            break;
          case "ProductFields":
            actual = f.path("ProductFields").path(c.path("Key").asText()).asText(null);
            break;
          case "RecordState":
            actual = f.path("RecordState").asText("ACTIVE");
            break;
          default:
            actual = f.path(filter.getKey()).asText(null);
            if (filter.getKey().equals("Region") && actual == null) {
              actual = f.path("Resources").path(0).path("Region").asText(null);
            }
        }
        boolean ok =
            actual != null
                && (c.path("Comparison").asText().equals("PREFIX")
                    ? actual.startsWith(value)
                    : actual.equals(value));
        if (!ok) {
          return false;
        }
      }
    }
    return true;
  }

  private static Instant time(JsonNode f) {
    return Instant.parse(f.path("UpdatedAt").asText());
  }

  private static JsonNode read(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What is stored, by Id. */
  synchronized Map<String, ObjectNode> findings() {
    return new LinkedHashMap<>(findings);
  }

  /** The Ids of the updates applied, in order (one per applied update). */
  synchronized List<String> applied() {
    return new ArrayList<>(applied);
  }

  /** The Ids of the updates ignored because they were not later than the stored one. */
  synchronized List<String> ignored() {
    return new ArrayList<>(ignored);
  }
}
