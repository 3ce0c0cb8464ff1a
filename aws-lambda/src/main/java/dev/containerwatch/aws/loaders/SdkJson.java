package dev.containerwatch.aws.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.core.util.SdkAutoConstructList;
import software.amazon.awssdk.core.util.SdkAutoConstructMap;

/**
 * Turns AWS SDK model objects back into the JSON the service's REST API returns (and {@code aws eks
 * describe-cluster} prints): members by their wire names ({@code resourcesVpcConfig}), enums as
 * their strings, timestamps as ISO-8601 instants. A member the service did not return stays absent,
 * so the rules can tell "not set" from "empty".
 */
public final class SdkJson {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private SdkJson() {}

  public static JsonNode toJson(Object value) {
    if (value == null) {
      return F.nullNode();
    }
    if (value instanceof SdkPojo) {
      SdkPojo pojo = (SdkPojo) value;
      ObjectNode o = F.objectNode();
      for (SdkField<?> field : pojo.sdkFields()) {
        Object v = field.getValueOrDefault(pojo);
        if (v == null || v instanceof SdkAutoConstructList || v instanceof SdkAutoConstructMap) {
          continue;
        }
        o.set(field.locationName(), toJson(v));
      }
      return o;
    }
    if (value instanceof List) {
      ArrayNode a = F.arrayNode();
      for (Object item : (List<?>) value) {
        a.add(toJson(item));
      }
      return a;
    }
    if (value instanceof Map) {
      ObjectNode o = F.objectNode();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        o.set(String.valueOf(e.getKey()), toJson(e.getValue()));
      }
      return o;
    }
    if (value instanceof String) {
      return F.textNode((String) value);
    }
    if (value instanceof Boolean) {
      return F.booleanNode((Boolean) value);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return F.numberNode(((Number) value).intValue());
    }
    if (value instanceof Long) {
      return F.numberNode((Long) value);
    }
    if (value instanceof Float || value instanceof Double) {
      return F.numberNode(((Number) value).doubleValue());
    }
    if (value instanceof BigDecimal) {
      return F.numberNode((BigDecimal) value);
    }
    if (value instanceof Instant) {
      return F.textNode(value.toString());
    }
    if (value instanceof SdkBytes) {
      return F.textNode(Base64.getEncoder().encodeToString(((SdkBytes) value).asByteArray()));
    }
    if (value instanceof Document) {
      return document((Document) value);
    }
    return F.textNode(String.valueOf(value));
  }

  private static JsonNode document(Document d) {
    if (d.isNull()) {
      return F.nullNode();
    }
    if (d.isString()) {
      return F.textNode(d.asString());
    }
    if (d.isBoolean()) {
      return F.booleanNode(d.asBoolean());
    }
    if (d.isNumber()) {
      return F.numberNode(d.asNumber().bigDecimalValue());
    }
    if (d.isList()) {
      ArrayNode a = F.arrayNode();
      d.asList().forEach(item -> a.add(document(item)));
      return a;
    }
    ObjectNode o = F.objectNode();
    d.asMap().forEach((k, v) -> o.set(k, document(v)));
    return o;
  }
}
