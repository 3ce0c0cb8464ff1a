package dev.containerwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.catalog.Recommendation;
import dev.containerwatch.config.ParameterSpec;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.rules.Rules;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rules}: every recommendation of the catalog, and whether it is implemented. */
@Command(
    name = "rules",
    mixinStandardHelpOptions = true,
    description = "Lists every recommendation, with its id, severity and status.")
final class RulesCommand implements Callable<Integer> {
  /** How the list is printed. */
  enum Format {
    TABLE,
    JSON
  }

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "table or json (default: ${DEFAULT-VALUE})")
  Format format;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    Catalog catalog = Catalog.bundled();
    Map<String, Rule> rules =
        Rules.all().stream().collect(Collectors.toMap(Rule::id, Function.identity()));
    if (format == Format.JSON) {
      ArrayNode array = new ObjectMapper().createArrayNode();
      for (Recommendation r : catalog.all()) {
        ObjectNode o = array.addObject();
        o.put("id", r.id());
        o.put("cloud", r.cloud().key());
        o.put("resource", r.resource());
        o.put(
            "resourceType",
            rules.containsKey(r.id()) ? rules.get(r.id()).resourceType().nativeName() : null);
        o.put("severity", r.severity().label());
        o.put("category", r.category().key());
        o.put("title", r.title());
        o.put("titleJa", r.titleJa());
        o.put("assessmentKey", r.assessmentKey());
        o.put("preview", r.preview());
        o.put("defaultOff", r.defaultOff());
        o.put("supersededBy", r.supersededBy());
        o.put("implemented", rules.containsKey(r.id()));
        ArrayNode parameters = o.putArray("parameters");
        if (rules.containsKey(r.id())) {
          for (ParameterSpec spec : rules.get(r.id()).parameters()) {
            ObjectNode p = parameters.addObject();
            p.put("name", spec.name());
            p.set("default", spec.defaultValue());
            p.put("description", spec.description());
          }
        }
        o.put("description", r.description());
        o.put("remediation", r.remediation());
      }
      out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(array));
      return 0;
    }
    TextTable table = new TextTable("ID", "CLOUD", "SEVERITY", "CATEGORY", "STATUS", "TITLE");
    for (Recommendation r : catalog.all()) {
      String status =
          rules.containsKey(r.id())
              ? (r.defaultOff() ? "implemented, off by default" : "implemented")
              : "planned";
      table.add(
          r.id(), r.cloud().key(), r.severity().label(), r.category().key(), status, r.title());
    }
    table.print(out);
    long implemented = catalog.all().stream().filter(r -> rules.containsKey(r.id())).count();
    out.println();
    out.println(
        catalog.all().size()
            + " recommendations, "
            + implemented
            + " implemented (catalog "
            + catalog.version()
            + ")");
    return 0;
  }
}
