package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.util.JsonFormat;
import dev.containerwatch.documents.Json;
import dev.containerwatch.gcp.events.GkeNames;
import dev.containerwatch.model.ResourceRef;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Protobuf objects of the Google Cloud clients in the canonical form: the REST API's JSON, which
 * proto3 JSON is (camelCase field names, enums by name, 64-bit integers as strings, false, zero and
 * empty values left out). {@code gcloud container clusters describe --format=json} prints the same.
 */
public final class ClusterDocuments {
  private static final JsonFormat.Printer PRINTER =
      JsonFormat.printer().omittingInsignificantWhitespace();

  private ClusterDocuments() {}

  /** A protobuf message as the REST API's JSON. */
  public static JsonNode toJson(MessageOrBuilder message) {
    try {
      return Json.read(PRINTER.print(message));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("protobuf message cannot be printed as JSON", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A cluster document with a {@code selfLink}: the one the API gave, else the one it would give
   * for {@code cluster}.
   */
  public static JsonNode withSelfLink(JsonNode document, ResourceRef cluster) {
    if (document.path("selfLink").isTextual() || !document.isObject()) {
      return document;
    }
    ObjectNode copy = ((ObjectNode) document).deepCopy();
    copy.put("selfLink", GkeNames.selfLink(cluster));
    return copy;
  }
}
