package dev.containerwatch.documents;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads YAML streams into JSON trees, refusing aliases.
 *
 * <p>Jackson does not expand a YAML alias ({@code *name}): it reads it as the anchor's name, a
 * string. A configuration or manifest that relies on an alias would then be evaluated with the
 * wrong value, silently; so an alias is an error, which also rules out alias bombs.
 *
 * <p>A YAML input may be as large as a JSON one ({@link SnapshotReader#MAX_INPUT_BYTES}) and nests
 * at most 1000 levels deep, as JSON does (Jackson's {@code StreamReadConstraints} default).
 */
public final class Yaml {
  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          // SnakeYAML's own default (3 MB) would make YAML inputs smaller than JSON ones.
          .loaderOptions(codePointLimit(SnapshotReader.MAX_INPUT_BYTES))
          .build();

  private Yaml() {}

  private static LoaderOptions codePointLimit(int limit) {
    LoaderOptions options = new LoaderOptions();
    options.setCodePointLimit(limit);
    return options;
  }

  /** Every document of a YAML stream; empty documents are skipped. */
  public static List<JsonNode> readAll(String text) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    try (JsonParser parser = new NoAliases(FACTORY.createParser(text))) {
      for (JsonNode n : Json.readAll(parser)) {
        if (!n.isNull() && !n.isMissingNode()) {
          out.add(n);
        }
      }
    }
    return out;
  }

  /** The single document of a YAML text, or null when it is empty. */
  public static JsonNode read(String text) throws IOException {
    List<JsonNode> docs = readAll(text);
    if (docs.size() > 1) {
      throw new JsonParseException(null, "expected one YAML document, found " + docs.size());
    }
    return docs.isEmpty() ? null : docs.get(0);
  }

  private static final class NoAliases extends JsonParserDelegate {
    NoAliases(JsonParser yaml) {
      super(yaml);
    }

    @Override
    public JsonToken nextToken() throws IOException {
      JsonToken t = super.nextToken();
      if (t != null && ((YAMLParser) delegate).isCurrentAlias()) {
        throw new JsonParseException(
            this, "YAML aliases (*" + delegate.getText() + ") are not supported");
      }
      return t;
    }
  }
}
