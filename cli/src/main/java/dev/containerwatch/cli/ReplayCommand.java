package dev.containerwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.loaders.RegistryDirectory;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.cli.output.NativePayloads;
import dev.containerwatch.cli.output.Sarif;
import dev.containerwatch.cli.replay.Check;
import dev.containerwatch.cli.replay.Recorder;
import dev.containerwatch.cli.replay.Replay;
import dev.containerwatch.cli.replay.ReplayContext;
import dev.containerwatch.cli.replay.ReplayResult;
import dev.containerwatch.cli.replay.Sample;
import dev.containerwatch.cli.replay.SampleFinder;
import dev.containerwatch.cli.replay.Source;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.webhook.WebhookSigner;
import dev.containerwatch.webhook.WebhookSink;
import dev.containerwatch.webhook.WebhookTarget;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code replay}: feeds sample events through the real handler classes, with loaders answering from
 * the samples' {@code resources/} and a sink collecting the findings.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = {
      "Replays sample events (files or directories, e.g. events-samples) through the real handlers:"
          + " the AWS Lambda handlers, the Azure functions, and the Kubernetes admission, audit-log"
          + " and Docker Hub code every function shares. Loaders answer from the resources/ folder"
          + " next to the samples; no cloud account is needed.",
      "With --check, each sample's findings are compared with its <name>.expected.json.",
      "Exit code: 0 done (or every sample matched); 1 a sample differed, or a handler or the"
          + " webhook failed; 2 bad input or usage."
    })
final class ReplayCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table, json (neutral findings per sample), sarif, asff (Security Hub requests),"
              + " defender (Defender for Cloud requests) or scc (Security Command Center requests)"
              + " (default: ${DEFAULT-VALUE})")
  OutputFormat format;

  @Option(
      names = "--check",
      description =
          "compare each sample with <name>.expected.json (and <name>.response.json,"
              + " <name>.reason.txt); print the differences and exit 1 on any")
  boolean check;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "configuration file (JSON or YAML); a sample's <name>.config.yaml replaces it")
  Path config;

  @Option(
      names = "--webhook",
      paramLabel = "URL",
      description =
          "also deliver the findings to this webhook (https), signed as the deployed functions"
              + " sign them")
  String webhook;

  @Option(
      names = "--webhook-secret",
      paramLabel = "SECRET",
      description =
          "the webhook's signing secret (whsec_...); default: CONTAINERWATCH_WEBHOOK_SECRET, which"
              + " keeps it out of the process list")
  String webhookSecret;

  @Option(
      names = "--webhook-statuses",
      paramLabel = "LIST",
      description =
          "statuses delivered, comma-separated (default: CONTAINERWATCH_WEBHOOK_STATUSES, else"
              + " FAILED)")
  String webhookStatuses;

  @Option(
      names = "--allow-loopback",
      description =
          "for local testing only: accept a webhook on localhost over http (a receiver on this"
              + " machine)")
  boolean allowLoopback;

  @Option(
      names = "--aws-account",
      paramLabel = "ACCOUNT",
      description =
          "asff: the account importing the findings of samples whose folder does not say it"
              + " (default: CONTAINERWATCH_ACCOUNT_ID, else each resource's own account)")
  String awsAccount;

  @Option(
      names = "--scc-source",
      paramLabel = "SOURCE",
      description =
          "scc: the source findings of samples whose folder does not say it are written under"
              + " (organizations/ORG/sources/SOURCE; default: CONTAINERWATCH_SCC_SOURCE)")
  String sccSource;

  @Parameters(
      arity = "1..*",
      paramLabel = "PATH",
      description = "sample files, or directories to walk (resources/ folders are skipped)")
  List<Path> paths;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Map<String, String> env = System.getenv();
    String configText = null;
    if (config != null) {
      new ConfigurationLoader(Catalog.bundled(), Rules.all()).load(config);
      try {
        configText = Files.readString(config, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InvalidInputException(config + ": cannot read");
      }
    }
    CountingSink delivery = webhook == null ? null : webhookSink(env);
    List<Sample> samples = SampleFinder.find(paths);
    List<ReplayResult> results =
        Replay.standard(env)
            .run(
                samples,
                new ReplayContext(configText, config == null ? null : config.toString(), delivery));
    PrintWriter out = spec.commandLine().getOut();
    if (check) {
      return printCheck(out, results);
    }
    switch (format) {
      case JSON:
        out.println(JSON.writeValueAsString(json(results)));
        break;
      case SARIF:
        {
          List<Sarif.Located> located = new ArrayList<>();
          for (ReplayResult r : results) {
            String uri = r.sample().file().toString().replace('\\', '/');
            r.findings().forEach(f -> located.add(new Sarif.Located(f, uri)));
          }
          out.println(
              JSON.writeValueAsString(Sarif.log(Catalog.bundled(), located, Main.version())));
          break;
        }
      case ASFF:
      case DEFENDER:
      case SCC:
        out.println(JSON.writeValueAsString(payloads(results, env)));
        break;
      default:
        printTable(out, results);
    }
    if (delivery != null) {
      out.println(delivery.summary());
    }
    boolean failed = results.stream().anyMatch(r -> r.outcome() == ReplayResult.Outcome.ERROR);
    return failed ? Main.EXIT_FAILED : 0;
  }

  private CountingSink webhookSink(Map<String, String> env) {
    String secret = webhookSecret != null ? webhookSecret : env.get(WebhookSink.ENV_SECRET);
    if (secret == null || secret.isBlank()) {
      throw new InvalidInputException(
          "--webhook needs the signing secret: set "
              + WebhookSink.ENV_SECRET
              + " (whsec_...) or give --webhook-secret");
    }
    String statuses =
        webhookStatuses != null
            ? webhookStatuses
            : env.getOrDefault(WebhookSink.ENV_STATUSES, "FAILED");
    return new CountingSink(
        new WebhookSink(
            WebhookTarget.of(webhook, allowLoopback, false),
            new WebhookSigner(secret),
            WebhookSink.parseStatuses(statuses),
            HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build(),
            Clock.systemUTC(),
            RetryPolicy.defaults(),
            Retry.Sleeper.REAL));
  }

  // ---- --check ----

  private static int printCheck(PrintWriter out, List<ReplayResult> results) {
    int differ = 0;
    for (ReplayResult r : results) {
      Check.Report report = Check.of(r);
      if (report.ok()) {
        out.println("ok    " + r.sample().label() + "  " + summary(r));
      } else {
        differ++;
        out.println("FAIL  " + r.sample().label() + "  " + summary(r));
        for (String problem : report.problems()) {
          for (String line : problem.split("\n")) {
            out.println("      " + line);
          }
        }
      }
    }
    out.println();
    out.println(
        results.size()
            + " sample(s) checked: "
            + (results.size() - differ)
            + " match, "
            + differ
            + " differ");
    return differ == 0 ? 0 : Main.EXIT_FAILED;
  }

  private static String summary(ReplayResult r) {
    switch (r.outcome()) {
      case PROCESSED:
        return "("
            + r.handler()
            + ": "
            + r.findings().size()
            + " finding(s)"
            + (r.deletions().isEmpty() ? "" : ", " + r.deletions().size() + " resolved")
            + ")";
      case ERROR:
        return "(" + r.handler() + " failed)";
      default:
        return "(" + r.handler() + ": " + r.outcome().name().toLowerCase(Locale.ROOT) + ")";
    }
  }

  // ---- table ----

  private static void printTable(PrintWriter out, List<ReplayResult> results) {
    TextTable table =
        new TextTable("SAMPLE", "STATUS", "SEVERITY", "RULE", "RESOURCE", "SUBJECT", "REASON");
    Map<Source, Integer> bySource = new EnumMap<>(Source.class);
    Map<Status, Integer> byStatus = new EnumMap<>(Status.class);
    int findings = 0;
    int resolved = 0;
    int acknowledged = 0;
    int errors = 0;
    for (ReplayResult r : results) {
      bySource.merge(r.sample().source(), 1, Integer::sum);
      String sample = r.sample().label();
      switch (r.outcome()) {
        case REJECTED:
        case IGNORED:
          acknowledged++;
          table.add(sample, r.outcome().name(), null, null, null, null, r.reason());
          continue;
        case ERROR:
          errors++;
          table.add(sample, "ERROR", null, null, null, null, r.reason());
          continue;
        default:
          break;
      }
      for (Finding f : r.findings()) {
        findings++;
        byStatus.merge(f.status(), 1, Integer::sum);
        table.add(
            sample,
            f.status().name(),
            f.recommendation().severity().label(),
            f.ruleId(),
            f.resource().name(),
            f.subject(),
            f.reason());
      }
      for (Recorder.Deletion d : r.deletions()) {
        resolved++;
        table.add(
            sample,
            "RESOLVED",
            null,
            null,
            d.resource().name(),
            null,
            "the resource is gone: its findings are resolved");
      }
      if (r.findings().isEmpty() && r.deletions().isEmpty()) {
        table.add(
            sample,
            "-",
            null,
            null,
            null,
            null,
            "no finding" + (r.notes().isEmpty() ? "" : ": " + r.notes().get(0)));
      }
    }
    table.print(out);
    List<String> sources = new ArrayList<>();
    bySource.forEach((s, n) -> sources.add(s.key() + " " + n));
    List<String> statuses = new ArrayList<>();
    for (Status s : Status.values()) {
      statuses.add(
          byStatus.getOrDefault(s, 0) + " " + s.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    out.println();
    out.println(results.size() + " sample(s) replayed (" + String.join(", ", sources) + ")");
    out.println(
        findings
            + " finding(s): "
            + String.join(", ", statuses)
            + "; "
            + resolved
            + " resource(s) resolved; "
            + acknowledged
            + " sample(s) rejected or ignored"
            + (errors == 0 ? "" : "; " + errors + " failed"));
  }

  // ---- json ----

  private static ArrayNode json(List<ReplayResult> results) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (ReplayResult r : results) {
      ObjectNode o = array.addObject();
      o.put("sample", r.sample().label());
      o.put("source", r.sample().source().key());
      o.put("handler", r.handler());
      o.put("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
      o.put("reason", r.reason());
      o.set("findings", FindingJson.toJson(r.findings()));
      ArrayNode resolved = o.putArray("resolved");
      r.deletions().forEach(d -> resolved.add(d.resource().id()));
      if (r.response() != null) {
        o.set("response", r.response());
      }
      ArrayNode notes = o.putArray("notes");
      r.notes().forEach(notes::add);
    }
    return array;
  }

  // ---- asff, defender ----

  private ArrayNode payloads(List<ReplayResult> results, Map<String, String> env) {
    String key = format.name().toLowerCase(Locale.ROOT);
    ConfigurationLoader loader = new ConfigurationLoader(Catalog.bundled(), Rules.all());
    Configuration configuration = config == null ? loader.defaults() : loader.load(config);
    String account =
        awsAccount != null ? awsAccount : blankToNull(env.get("CONTAINERWATCH_ACCOUNT_ID"));
    ArrayNode out = JsonNodeFactory.instance.arrayNode();
    List<String> withoutSource = new ArrayList<>();
    for (ReplayResult r : results) {
      ArrayNode requests = r.nativeRequests().get(key);
      if (requests == null) {
        if (format == OutputFormat.ASFF) {
          requests = NativePayloads.asff(r.writes(), r.deletions(), account);
        } else if (format == OutputFormat.SCC) {
          String source =
              sccSource != null ? sccSource : blankToNull(env.get("CONTAINERWATCH_SCC_SOURCE"));
          try {
            requests = NativePayloads.scc(r.writes(), r.deletions(), source, configuration);
          } catch (InvalidInputException e) {
            if (source != null) {
              throw e;
            }
            withoutSource.add(r.sample().label());
            continue;
          }
        } else {
          RuleEngine engine =
              new RuleEngine(
                  Rules.all(), new ConfigurationLoader(Catalog.bundled(), Rules.all()).defaults());
          requests =
              NativePayloads.defender(
                  r.writes(),
                  r.deletions(),
                  new RegistryDirectory(),
                  type -> engine.rulesFor(type).stream().map(rule -> rule.id()).toList());
        }
      }
      if (requests.isEmpty()) {
        continue;
      }
      ObjectNode o = out.addObject();
      o.put("sample", r.sample().label());
      o.set("requests", requests);
    }
    if (!withoutSource.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "containerwatch: scc: left out the findings of "
                  + withoutSource.size()
                  + " sample(s) the GCP function did not replay (e.g. "
                  + withoutSource.get(0)
                  + "): give --scc-source to write them under a source");
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }
}
