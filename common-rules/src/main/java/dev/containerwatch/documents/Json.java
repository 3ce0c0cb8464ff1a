package dev.containerwatch.documents;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON trees read and written with Jackson's streaming parser and generator, without an {@code
 * ObjectMapper}.
 *
 * <p>Why: the handlers only ever need trees, and building the first {@code ObjectMapper} of a JVM
 * (which {@code JsonNode.toString()} also does, through its internal mapper) costs about 120 ms of
 * class loading, a third of a function's cold start (measured in README, Performance). Trees read
 * here are the ones {@code ObjectMapper.readTree} gives: the same node types (int, long and big
 * integer nodes by size, double nodes for decimals), later duplicate keys winning, an empty input
 * as a missing node, the parser's limits ({@code StreamReadConstraints}: 1,000 levels of nesting)
 * and its error messages. Written JSON is the compact form {@code toString()} gives.
 *
 * <pre>{@code
 * JsonNode event = Json.read(bytes);
 * String line = Json.write(Json.object().put("level", "INFO"));
 * }</pre>
 */
public final class Json {
  private static final JsonFactory FACTORY = new JsonFactory();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Json() {}

  /** The tree of a JSON document; a missing node when the input is empty or only whitespace. */
  public static JsonNode read(byte[] content) throws IOException {
    try (JsonParser parser = FACTORY.createParser(content)) {
      return readFirst(parser);
    }
  }

  /** The tree of a JSON text; a missing node when it is empty or only whitespace. */
  public static JsonNode read(String content) throws JsonProcessingException {
    try (JsonParser parser = FACTORY.createParser(content)) {
      return readFirst(parser);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      // A string has no I/O to fail: only its content can be wrong.
      throw new UncheckedIOException(e);
    }
  }

  /** The tree of a JSON stream, read to its first value's end. */
  public static JsonNode read(InputStream content) throws IOException {
    try (JsonParser parser = FACTORY.createParser(content)) {
      return readFirst(parser);
    }
  }

  /** The tree of a JSON file. */
  public static JsonNode read(Path file) throws IOException {
    return read(Files.readAllBytes(file));
  }

  /**
   * Every value of a stream of JSON values (one per line, or simply one after the other), in order.
   */
  public static List<JsonNode> readAll(String content) throws JsonProcessingException {
    try (JsonParser parser = FACTORY.createParser(content)) {
      return readAll(parser);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every value a parser (JSON, YAML) gives, one per root value, in order. */
  public static List<JsonNode> readAll(JsonParser parser) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    while (parser.nextToken() != null) {
      out.add(value(parser));
    }
    return out;
  }

  private static JsonNode readFirst(JsonParser parser) throws IOException {
    return parser.nextToken() == null ? MissingNode.getInstance() : value(parser);
  }

  /**
   * The value at the parser's current token, the parser left on its last token. Containers are
   * built with an explicit stack, so depth costs no Java stack.
   */
  private static JsonNode value(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
      return scalar(parser, token);
    }
    List<JsonNode> open = new ArrayList<>();
    JsonNode root = token == JsonToken.START_OBJECT ? NODES.objectNode() : NODES.arrayNode();
    open.add(root);
    while (!open.isEmpty()) {
      JsonNode container = open.get(open.size() - 1);
      token = parser.nextToken();
      if (token == null) {
        // The parser reports a truncated document itself; this is only a guard.
        throw new JsonParseException(parser, "unexpected end of input");
      }
      if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        open.remove(open.size() - 1);
        continue;
      }
      String name = null;
      if (token == JsonToken.FIELD_NAME) {
        name = parser.currentName();
        token = parser.nextToken();
      }
      JsonNode child;
      if (token == JsonToken.START_OBJECT) {
        child = NODES.objectNode();
      } else if (token == JsonToken.START_ARRAY) {
        child = NODES.arrayNode();
      } else {
        child = scalar(parser, token);
      }
      if (container.isObject()) {
        ((ObjectNode) container).replace(name, child);
      } else {
        ((ArrayNode) container).add(child);
      }
      if (child.isContainerNode()) {
        open.add(child);
      }
    }
    return root;
  }

  private static JsonNode scalar(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        switch (parser.getNumberType()) {
          case INT:
            return NODES.numberNode(parser.getIntValue());
          case LONG:
            return NODES.numberNode(parser.getLongValue());
          default:
            return NODES.numberNode(parser.getBigIntegerValue());
        }
      case VALUE_NUMBER_FLOAT:
        if (parser.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
          return NODES.numberNode(parser.getDecimalValue());
        }
        if (parser.getNumberType() == JsonParser.NumberType.FLOAT) {
          return NODES.numberNode(parser.getFloatValue());
        }
        return NODES.numberNode(parser.getDoubleValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      case VALUE_EMBEDDED_OBJECT:
        Object embedded = parser.getEmbeddedObject();
        return embedded instanceof byte[] bytes
            ? NODES.binaryNode(bytes)
            : NODES.pojoNode(embedded);
      default:
        throw new JsonParseException(parser, "unexpected token " + token);
    }
  }

  /** A new, empty object node. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * A tree of plain values: a JSON node as it is; strings, numbers, booleans, null; maps and
   * collections of those; anything else as its {@code toString()}.
   */
  public static JsonNode valueOf(Object value) {
    if (value == null) {
      return NODES.nullNode();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof String s) {
      return NODES.textNode(s);
    }
    if (value instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return NODES.numberNode(((Number) value).intValue());
    }
    if (value instanceof Long l) {
      return NODES.numberNode(l);
    }
    if (value instanceof Double d) {
      return NODES.numberNode(d);
    }
    if (value instanceof Float f) {
      return NODES.numberNode(f);
    }
    if (value instanceof java.math.BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (value instanceof java.math.BigInteger i) {
      return NODES.numberNode(i);
    }
    if (value instanceof Map<?, ?> map) {
      ObjectNode o = NODES.objectNode();
      map.forEach((k, v) -> o.set(String.valueOf(k), valueOf(v)));
      return o;
    }
    if (value instanceof Collection<?> items) {
      ArrayNode a = NODES.arrayNode();
      items.forEach(v -> a.add(valueOf(v)));
      return a;
    }
    return NODES.textNode(value.toString());
  }

  /** The compact JSON of a tree, as {@code JsonNode.toString()} writes it. */
  public static String write(JsonNode node) {
    StringWriter out = new StringWriter();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(node, generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** The compact JSON of a tree, in UTF-8. */
  public static byte[] writeBytes(JsonNode node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(node, generator);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static void write(JsonNode node, JsonGenerator g) throws IOException {
    switch (node.getNodeType()) {
      case OBJECT:
        g.writeStartObject();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          g.writeFieldName(field.getKey());
          write(field.getValue(), g);
        }
        g.writeEndObject();
        break;
      case ARRAY:
        g.writeStartArray();
        for (JsonNode item : node) {
          write(item, g);
        }
        g.writeEndArray();
        break;
      case STRING:
        g.writeString(node.textValue());
        break;
      case NUMBER:
        writeNumber(node, g);
        break;
      case BOOLEAN:
        g.writeBoolean(node.booleanValue());
        break;
      case BINARY:
        g.writeBinary(node.binaryValue());
        break;
      case MISSING:
        break;
      case POJO:
        g.writeString(String.valueOf(((POJONode) node).getPojo()));
        break;
      default:
        g.writeNull();
    }
  }

  private static void writeNumber(JsonNode node, JsonGenerator g) throws IOException {
    switch (node.numberType()) {
      case INT:
        g.writeNumber(node.intValue());
        break;
      case LONG:
        g.writeNumber(node.longValue());
        break;
      case BIG_INTEGER:
        g.writeNumber(node.bigIntegerValue());
        break;
      case FLOAT:
        g.writeNumber(node.floatValue());
        break;
      case BIG_DECIMAL:
        g.writeNumber(node.decimalValue());
        break;
      default:
        g.writeNumber(node.doubleValue());
    }
  }
}
