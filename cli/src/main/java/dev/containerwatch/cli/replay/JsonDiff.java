package dev.containerwatch.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The differences between two JSON values, one line per path: what was expected, what came. */
final class JsonDiff {
  static final int MAX_LINES = 20;

  private JsonDiff() {}

  static List<String> diff(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    diff("", expected, actual, out);
    if (out.size() > MAX_LINES) {
      int more = out.size() - MAX_LINES;
      out = new ArrayList<>(out.subList(0, MAX_LINES));
      out.add("... and " + more + " more difference(s)");
    }
    return out;
  }

  private static void diff(String path, JsonNode expected, JsonNode actual, List<String> out) {
    if (expected.equals(actual)) {
      return;
    }
    if (expected.isObject() && actual.isObject()) {
      Set<String> names = new LinkedHashSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        String p = path.isEmpty() ? n : path + "." + n;
        if (!actual.has(n)) {
          out.add(p + ": expected " + show(expected.get(n)) + ", missing");
        } else if (!expected.has(n)) {
          out.add(p + ": not expected, got " + show(actual.get(n)));
        } else {
          diff(p, expected.get(n), actual.get(n), out);
        }
      }
      return;
    }
    if (expected.isArray() && actual.isArray()) {
      Iterator<JsonNode> e = expected.elements();
      Iterator<JsonNode> a = actual.elements();
      int i = 0;
      while (e.hasNext() || a.hasNext()) {
        String p = path + "[" + i + "]";
        if (!a.hasNext()) {
          out.add(p + ": expected " + show(e.next()) + ", missing");
        } else if (!e.hasNext()) {
          out.add(p + ": not expected, got " + show(a.next()));
        } else {
          diff(p, e.next(), a.next(), out);
        }
        i++;
      }
      return;
    }
    out.add(
        (path.isEmpty() ? "value" : path)
            + ": expected "
            + show(expected)
            + ", got "
            + show(actual));
  }

  static String show(JsonNode value) {
    String s = value.toString();
    return s.length() > 200 ? s.substring(0, 197) + "..." : s;
  }
}
