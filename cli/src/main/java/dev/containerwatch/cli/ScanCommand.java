package dev.containerwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.containerwatch.azure.loaders.RegistryDirectory;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.catalog.Severity;
import dev.containerwatch.cli.output.NativePayloads;
import dev.containerwatch.cli.output.Sarif;
import dev.containerwatch.cli.replay.Recorder;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingJson;
import dev.containerwatch.findings.FindingsEvaluator;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.Rules;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
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
 * {@code scan}: evaluates resource documents given as files or directories, detecting each
 * document's type from its content.
 */
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluates resource documents: ARM GET JSON (or az ... show -o json), aws eks"
          + " describe-cluster output, gcloud container clusters describe --format=json, Kubernetes"
          + " manifests and kubectl get -o json output, image scan reports (ECR, Amazon Inspector,"
          + " Artifact Analysis, Defender for Cloud, Trivy, Grype), and snapshot bundles.",
      "Exit code: 0 when nothing FAILED at or above --fail-on, 1 when something did, 2 on bad input."
    })
final class ScanCommand implements Callable<Integer> {

  /** The severity threshold of the exit code. */
  enum Threshold {
    ANY(Severity.LOW),
    LOW(Severity.LOW),
    MEDIUM(Severity.MEDIUM),
    HIGH(Severity.HIGH);

    final Severity severity;

    Threshold(Severity severity) {
      this.severity = severity;
    }
  }

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "configuration file (JSON or YAML)")
  Path config;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "table",
      description =
          "table, json (neutral findings), sarif (CI code scanning), asff (Security Hub"
              + " requests), defender (Defender for Cloud requests) or scc (Security Command Center"
              + " requests) (default: ${DEFAULT-VALUE})")
  OutputFormat format;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      defaultValue = "any",
      description =
          "exit 1 when a finding FAILED at or above: any, low, medium, high (default: ${DEFAULT-VALUE})")
  Threshold failOn;

  @Option(
      names = "--cluster",
      paramLabel = "ID",
      defaultValue = SnapshotReader.DEFAULT_CLUSTER,
      description =
          "the cluster the Kubernetes objects belong to; their findings' resource ids start with it"
              + " (default: ${DEFAULT-VALUE})")
  String cluster;

  @Option(
      names = "--aws-region",
      paramLabel = "REGION",
      description =
          "the region of ECR scan findings (aws ecr describe-image-scan-findings output does not"
              + " name it; default: AWS_REGION or AWS_DEFAULT_REGION)")
  String awsRegion;

  @Option(
      names = "--aws-account",
      paramLabel = "ACCOUNT",
      description =
          "asff: the account importing the findings (default: CONTAINERWATCH_ACCOUNT_ID, else"
              + " each resource's own account)")
  String awsAccount;

  @Option(
      names = "--scc-source",
      paramLabel = "SOURCE",
      description =
          "scc: the source findings are written under (organizations/ORG/sources/SOURCE;"
              + " default: CONTAINERWATCH_SCC_SOURCE)")
  String sccSource;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "files or directories to scan")
  List<Path> paths;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    ConfigurationLoader loader = new ConfigurationLoader(Catalog.bundled(), Rules.all());
    Configuration configuration = config == null ? loader.defaults() : loader.load(config);

    String region =
        awsRegion != null
            ? awsRegion
            : System.getenv().getOrDefault("AWS_REGION", System.getenv("AWS_DEFAULT_REGION"));
    SnapshotReader reader = new SnapshotReader(Instant.now(), cluster).awsRegion(region);
    for (Path file : InputFiles.expand(paths)) {
      reader.add(file.toString(), InputFiles.read(file));
    }
    List<Snapshot> snapshots = reader.snapshots();

    RuleEngine engine = new RuleEngine(Rules.all(), configuration);
    FindingsEvaluator evaluator = new FindingsEvaluator(engine, Catalog.bundled());
    List<Finding> findings = new ArrayList<>();
    List<Recorder.Write> evaluated = new ArrayList<>();
    for (Snapshot s : snapshots) {
      List<Finding> of = evaluator.evaluate(s);
      findings.addAll(of);
      evaluated.add(new Recorder.Write(s, of));
    }
    findings.sort(
        Comparator.comparing((Finding f) -> f.resource().id())
            .thenComparing(Finding::ruleId)
            .thenComparing(f -> f.subject() == null ? "" : f.subject()));

    PrintWriter out = spec.commandLine().getOut();
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    switch (format) {
      case JSON:
        out.println(json.writeValueAsString(FindingJson.toJson(findings)));
        break;
      case SARIF:
        {
          List<Sarif.Located> located = new ArrayList<>();
          for (Finding f : findings) {
            String uri = reader.sourceOf(f.resource()).orElse("").replace('\\', '/');
            located.add(new Sarif.Located(f, uri));
          }
          out.println(
              json.writeValueAsString(Sarif.log(Catalog.bundled(), located, Main.version())));
          break;
        }
      case ASFF:
        {
          String account =
              awsAccount != null ? awsAccount : System.getenv("CONTAINERWATCH_ACCOUNT_ID");
          out.println(
              json.writeValueAsString(
                  NativePayloads.asff(
                      evaluated,
                      List.of(),
                      account == null || account.isBlank() ? null : account.strip())));
          break;
        }
      case DEFENDER:
        {
          RegistryDirectory registries = new RegistryDirectory();
          for (Snapshot s : snapshots) {
            if (s.type() == ResourceType.ACR_REGISTRY) {
              registries.remember(
                  s.document().path("properties").path("loginServer").asText(null),
                  s.resource().id());
            }
          }
          out.println(
              json.writeValueAsString(
                  NativePayloads.defender(
                      evaluated,
                      List.of(),
                      registries,
                      type -> engine.rulesFor(type).stream().map(r -> r.id()).toList())));
          break;
        }
      case SCC:
        {
          String source =
              sccSource != null ? sccSource : System.getenv("CONTAINERWATCH_SCC_SOURCE");
          out.println(
              json.writeValueAsString(
                  NativePayloads.scc(
                      evaluated,
                      List.of(),
                      source == null || source.isBlank() ? null : source.strip(),
                      configuration)));
          break;
        }
      default:
        printTable(out, snapshots.size(), findings);
    }
    boolean failed =
        findings.stream()
            .anyMatch(
                f ->
                    f.status() == Status.FAILED
                        && f.recommendation().severity().atLeast(failOn.severity));
    return failed ? Main.EXIT_FAILED : 0;
  }

  private static void printTable(PrintWriter out, int resources, List<Finding> findings) {
    TextTable table = new TextTable("STATUS", "SEVERITY", "RULE", "RESOURCE", "SUBJECT", "REASON");
    for (Finding f : findings) {
      table.add(
          f.status().name(),
          f.recommendation().severity().label(),
          f.ruleId(),
          f.resource().name(),
          f.subject(),
          f.reason());
    }
    table.print(out);
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    findings.forEach(f -> counts.merge(f.status(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    for (Status s : Status.values()) {
      parts.add(
          counts.getOrDefault(s, 0) + " " + s.name().toLowerCase(Locale.ROOT).replace('_', ' '));
    }
    out.println();
    out.println(
        resources
            + " resource(s), "
            + findings.size()
            + " finding(s): "
            + String.join(", ", parts));
  }
}
