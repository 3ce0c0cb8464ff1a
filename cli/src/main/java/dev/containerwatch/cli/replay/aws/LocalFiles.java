package dev.containerwatch.cli.replay.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The AWS API responses of a samples folder's {@code resources/}, as the service's REST API returns
 * them. Timestamps (REST: epoch seconds) are given back as the SDK loaders give them (ISO-8601
 * instants), so the documents are the ones the function builds.
 */
final class LocalFiles {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final boolean raw;

  /**
   * @param dir the folder of one service's responses ({@code resources/eks}), or null for none
   */
  LocalFiles(Path dir) {
    this(dir, false);
  }

  /**
   * @param raw whether the files are read as they are (no timestamp conversion)
   */
  LocalFiles(Path dir, boolean raw) {
    this.dir = dir != null && Files.isDirectory(dir) ? dir : null;
    this.raw = raw;
  }

  /** {@code <name>} in the folder, read. */
  Optional<JsonNode> read(String name) {
    if (dir == null) {
      return Optional.empty();
    }
    Path file = dir.resolve(name).normalize();
    if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
      return Optional.empty();
    }
    return Optional.of(parse(file, raw));
  }

  /** Every file whose name starts with {@code prefix}, in name order. */
  List<JsonNode> readAll(String prefix) {
    List<JsonNode> out = new ArrayList<>();
    if (dir == null) {
      return out;
    }
    try (Stream<Path> files = Files.list(dir)) {
      files
          .filter(f -> f.getFileName().toString().startsWith(prefix))
          .filter(f -> f.getFileName().toString().endsWith(".json"))
          .sorted()
          .forEach(f -> out.add(parse(f, raw)));
    } catch (IOException e) {
      throw new InvalidInputException(dir + ": cannot list");
    }
    return out;
  }

  private static JsonNode parse(Path file, boolean raw) {
    try {
      JsonNode json = JSON.readTree(file.toFile());
      return raw ? json : instants(json, null);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": not valid JSON");
    }
  }

  /** A resource's name as the files spell it: {@code shop/web} → {@code shop-web}. */
  static String fileName(String name) {
    return name.replace('/', '-');
  }

  /** Epoch-second numbers of {@code ...At} members become ISO-8601 instants, as SdkJson writes. */
  private static JsonNode instants(JsonNode node, String field) {
    if (node.isObject()) {
      ObjectNode o = (ObjectNode) node;
      List<Map.Entry<String, JsonNode>> entries = new ArrayList<>(o.properties());
      for (Map.Entry<String, JsonNode> e : entries) {
        o.set(e.getKey(), instants(e.getValue(), e.getKey()));
      }
      return o;
    }
    if (node.isArray()) {
      ArrayNode a = (ArrayNode) node;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, instants(a.get(i), field));
      }
      return a;
    }
    if (node.isNumber() && field != null && field.endsWith("At")) {
      BigDecimal seconds = node.decimalValue();
      long whole = seconds.longValue();
      long nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).longValue();
      return JsonNodeFactory.instance.textNode(Instant.ofEpochSecond(whole, nanos).toString());
    }
    return node;
  }
}
