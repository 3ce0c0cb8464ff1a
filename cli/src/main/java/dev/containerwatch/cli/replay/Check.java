package dev.containerwatch.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.findings.FindingJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compares what a replayed sample gave with the files next to it:
 *
 * <ul>
 *   <li>{@code <name>.expected.json}: the findings it must produce, in the neutral JSON form, in
 *       order; for a sample under {@code rejected/}, either that (no finding) or the handler's
 *       answer ({@code {"outcome": "rejected", "reason": ...}});
 *   <li>{@code <name>.response.json}: an HTTP handler's answer (an AdmissionReview response);
 *   <li>{@code <name>.reason.txt}: text the rejection's reason must contain.
 * </ul>
 *
 * A sample under {@code rejected/} must be rejected or ignored; any other must be processed and
 * have its expected findings.
 */
public final class Check {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Check() {}

  /** The check of one sample: no problem means it matches. */
  public record Report(ReplayResult result, List<String> problems) {
    public boolean ok() {
      return problems.isEmpty();
    }
  }

  public static Report of(ReplayResult r) {
    Sample s = r.sample();
    List<String> problems = new ArrayList<>();
    Optional<Path> expected = s.sibling(".expected.json");
    Optional<Path> response = s.sibling(".response.json");
    Optional<Path> reasonFile = s.sibling(".reason.txt");
    ArrayNode produced = FindingJson.toJson(r.findings());
    if (r.outcome() == ReplayResult.Outcome.ERROR) {
      problems.add("the handler failed: " + r.reason());
      return new Report(r, problems);
    }
    if (s.expectsRejection()) {
      if (!r.acknowledgedWithoutWork()) {
        problems.add(
            "expected to be rejected, but it was processed ("
                + r.findings().size()
                + " finding(s))");
      }
      if (expected.isPresent()) {
        JsonNode exp = read(expected.get());
        if (exp.isObject() && exp.has("outcome") && r.response() != null) {
          section(
              problems,
              "answer differs from " + fileName(expected.get()),
              JsonDiff.diff(exp, r.response()));
        } else if (exp.isObject()) {
          // the outcome and reason the handler gave, as far as the file says them
          JsonNode actual = outcomeOf(r);
          List<String> lines = new ArrayList<>();
          for (String field : new String[] {"outcome", "reason"}) {
            if (exp.has(field) && !exp.get(field).equals(actual.get(field))) {
              lines.add(
                  field
                      + ": expected "
                      + JsonDiff.show(exp.get(field))
                      + ", got "
                      + JsonDiff.show(actual.get(field)));
            }
          }
          section(problems, "rejection differs from " + fileName(expected.get()), lines);
        } else {
          compareFindings(problems, expected.get(), exp, produced);
        }
      }
      if (reasonFile.isPresent()) {
        String want = readText(reasonFile.get()).strip();
        if (r.reason() == null || !r.reason().contains(want)) {
          problems.add(
              "reason does not contain \""
                  + want
                  + "\" ("
                  + fileName(reasonFile.get())
                  + "): got \""
                  + r.reason()
                  + "\"");
        }
      }
      return new Report(r, problems);
    }
    if (r.outcome() == ReplayResult.Outcome.REJECTED) {
      problems.add("expected to be processed, but it was rejected: " + r.reason());
    }
    if (expected.isEmpty()) {
      problems.add("no " + s.name() + ".expected.json next to it");
    } else {
      compareFindings(problems, expected.get(), read(expected.get()), produced);
    }
    if (response.isPresent()) {
      if (r.response() == null) {
        problems.add("the handler gave no answer to compare with " + fileName(response.get()));
      } else {
        section(
            problems,
            "answer differs from " + fileName(response.get()),
            JsonDiff.diff(read(response.get()), r.response()));
      }
    }
    return new Report(r, problems);
  }

  private static JsonNode outcomeOf(ReplayResult r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
    o.put("reason", r.reason());
    return o;
  }

  private static void compareFindings(
      List<String> problems, Path file, JsonNode expected, ArrayNode produced) {
    if (expected.equals(produced)) {
      return;
    }
    List<String> lines = new ArrayList<>();
    if (!expected.isArray()) {
      lines.add("the expected file is not a JSON array of findings");
    } else {
      Map<String, JsonNode> want = byId(expected);
      Map<String, JsonNode> got = byId(produced);
      for (Map.Entry<String, JsonNode> e : want.entrySet()) {
        JsonNode g = got.get(e.getKey());
        if (g == null) {
          lines.add("- " + describe(e.getValue()) + ": expected, not produced");
        } else if (!g.equals(e.getValue())) {
          lines.add("~ " + describe(e.getValue()) + ":");
          JsonDiff.diff(e.getValue(), g).forEach(d -> lines.add("    " + d));
        }
      }
      for (Map.Entry<String, JsonNode> e : got.entrySet()) {
        if (!want.containsKey(e.getKey())) {
          lines.add("+ " + describe(e.getValue()) + ": produced, not expected");
        }
      }
      if (lines.isEmpty()) {
        lines.add(
            want.size() == expected.size() && got.size() == produced.size()
                ? "the same findings in another order"
                : "expected " + expected.size() + " finding(s), produced " + produced.size());
      }
    }
    section(problems, "findings differ from " + fileName(file), lines);
  }

  private static Map<String, JsonNode> byId(JsonNode findings) {
    Map<String, JsonNode> out = new LinkedHashMap<>();
    int i = 0;
    for (JsonNode f : findings) {
      String id = f.path("id").asText("");
      out.put(id.isEmpty() || out.containsKey(id) ? "#" + i : id, f);
      i++;
    }
    return out;
  }

  private static String describe(JsonNode f) {
    String subject = f.path("subject").isNull() ? "" : " [" + f.path("subject").asText() + "]";
    return f.path("id").asText("?")
        + " "
        + f.path("ruleId").asText("?")
        + " "
        + f.path("status").asText("?")
        + " on "
        + f.path("resourceId").asText("?")
        + subject;
  }

  private static void section(List<String> problems, String title, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    StringBuilder s = new StringBuilder(title).append(':');
    lines.forEach(l -> s.append("\n  ").append(l));
    problems.add(s.toString());
  }

  private static String fileName(Path p) {
    return p.getFileName().toString();
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      return JsonNodeFactory.instance.textNode("(" + file.getFileName() + " is not valid JSON)");
    }
  }

  private static String readText(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
