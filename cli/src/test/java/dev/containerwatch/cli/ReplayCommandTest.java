package dev.containerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code replay}: the samples of every source through their real handlers, and {@code --check}. */
class ReplayCommandTest {
  static final Path SAMPLES = Path.of("../events-samples");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everySampleMatchesItsExpectedFiles() {
    CliRun run = CliRun.of("replay", "--check", SAMPLES.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains(" 0 differ").doesNotContain("FAIL ");
    assertThat(run.exitCode()).as(run.out()).isZero();
    for (String source : List.of("aws/", "azure/", "gcp/", "kubernetes/", "dockerhub/")) {
      assertThat(run.out()).contains("ok    " + source);
    }
    // rejected samples are checked too, as rejected
    assertThat(run.out())
        .contains("ok    aws/rejected/not-json.json  (EventBridgeHandler: rejected)")
        .contains(
            "ok    azure/rejected/eventgrid/unknown-event-type.json  (EventGridFunction: ignored)")
        .contains("ok    kubernetes/rejected/audit/truncated-line.jsonl  (AuditEvents: rejected)")
        .contains("ok    dockerhub/rejected/push-without-tag.json  (DockerHubWebhook: rejected)")
        .contains("ok    gcp/rejected/not-base64.json  (PubSubHandler: rejected)")
        .contains("ok    gcp/asset-feed-welcome.json  (PubSubHandler: ignored)")
        .contains("ok    gcp/http/dockerhub-push-scanned.json  (WebhookHandler: 1 finding(s))");
  }

  @Test
  void checkFailsWithAReadableDiffWhenAnExpectedFileIsAltered(@TempDir Path tmp)
      throws IOException {
    Path copy = copyOfSamples(tmp);
    Path expected = copy.resolve("aws/config-eks-cluster.expected.json");
    ArrayNode findings = (ArrayNode) JSON.readTree(expected.toFile());
    ((com.fasterxml.jackson.databind.node.ObjectNode) findings.get(0)).put("status", "PASSED");
    JsonNode removed = findings.remove(1);
    JSON.writerWithDefaultPrettyPrinter().writeValue(expected.toFile(), findings);

    CliRun run = CliRun.of("replay", "--check", copy.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("FAIL  aws/config-eks-cluster.json")
        .contains("findings differ from config-eks-cluster.expected.json:")
        .contains("~ 5fcfdfa2f478c13cbf8260b5508c6c5e eks.defender-permissions PASSED on")
        .contains("status: expected \"PASSED\", got \"FAILED\"")
        .contains("+ " + removed.path("id").asText() + " eks.defender-arc-extension UNKNOWN")
        .contains("produced, not expected")
        .contains(" 1 differ");
    // the real samples are untouched
    assertThat(
            CliRun.of(
                    "replay", "--check", SAMPLES.resolve("aws/config-eks-cluster.json").toString())
                .exitCode())
        .isZero();
  }

  @Test
  void checkFailsWhenARejectedSampleIsNoLongerRejectedForItsReason(@TempDir Path tmp)
      throws IOException {
    Path copy = copyOfSamples(tmp);
    Files.writeString(
        copy.resolve("azure/rejected/eventgrid/malformed-json.reason.txt"),
        "a reason never given\n");
    Files.writeString(
        copy.resolve("kubernetes/rejected/manifests/namespace-only.yaml"),
        Files.readString(copy.resolve("kubernetes/manifests/hardened-api.yaml")));

    CliRun run = CliRun.of("replay", "--check", copy.toString());

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("FAIL  azure/rejected/eventgrid/malformed-json.json")
        .contains("reason does not contain \"a reason never given\" (malformed-json.reason.txt)")
        .contains("FAIL  kubernetes/rejected/manifests/namespace-only.yaml")
        .contains("expected to be rejected, but it was processed (15 finding(s))")
        .contains(" 2 differ");
  }

  @Test
  void checkNamesASampleWithoutExpectedFile(@TempDir Path tmp) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("dockerhub"));
    Files.copy(SAMPLES.resolve("dockerhub/push-without-report.json"), dir.resolve("push.json"));
    CliRun run = CliRun.of("replay", "--check", dir.toString());
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("no push.expected.json next to it");
  }

  @Test
  void theTableShowsFindingsOfEverySourceAndTheRejectedSamplesWithTheirReason() {
    CliRun run = CliRun.of("replay", SAMPLES.toString());
    assertThat(run.exitCode()).as(run.err()).isZero();
    String out = run.out();
    assertThat(out.lines().findFirst().orElseThrow())
        .startsWith("SAMPLE")
        .contains("STATUS", "SEVERITY", "RULE", "RESOURCE", "SUBJECT", "REASON");
    assertThat(out)
        .containsPattern(
            "aws/config-eks-cluster.json +FAILED +High +eks.defender-permissions +orders-prod")
        .containsPattern("azure/eventgrid/aks-write-eventgrid.json +FAILED +High +aks\\.")
        .containsPattern(
            "kubernetes/admission/create-debug-pod-on-node.json +FAILED .*k8s.no-privileged-containers")
        .containsPattern(
            "dockerhub/push-with-grype-report.json +FAILED .*dockerhub.image-vulnerability-findings .*CVE-2025-32433")
        .containsPattern("aws/rejected/not-json.json +REJECTED .*not valid JSON")
        .containsPattern("aws/config-eks-cluster-deleted.json +RESOLVED .*legacy-dev")
        .containsPattern("gcp/asset-cluster-misconfigured.json +FAILED +High +gke\\.")
        .contains("(aws 47, azure 33, gcp 33, kubernetes 16, dockerhub 5)");
  }

  @Test
  void jsonGivesEachSampleItsNeutralFindings() throws IOException {
    Path sample = SAMPLES.resolve("azure/admission/audit-privileged-pod.json");
    CliRun run = CliRun.of("replay", "--format", "json", sample.toString());
    JsonNode results = JSON.readTree(run.out());
    assertThat(results).hasSize(1);
    JsonNode r = results.get(0);
    assertThat(r.path("source").asText()).isEqualTo("azure");
    assertThat(r.path("handler").asText()).isEqualTo("AdmissionFunction");
    assertThat(r.path("outcome").asText()).isEqualTo("processed");
    assertThat(r.path("findings"))
        .isEqualTo(
            JSON.readTree(sample.resolveSibling("audit-privileged-pod.expected.json").toFile()));
    assertThat(r.path("response"))
        .isEqualTo(
            JSON.readTree(sample.resolveSibling("audit-privileged-pod.response.json").toFile()));
  }

  @Test
  void asffIsWhatTheAwsFunctionsSecurityHubSinkSends() throws IOException {
    for (String name :
        List.of("config-eks-cluster", "ecr-image-scan", "cloudwatch-logs-eks-audit")) {
      CliRun run =
          CliRun.of(
              "replay", "--format", "asff", SAMPLES.resolve("aws/" + name + ".json").toString());
      assertThat(run.exitCode()).isZero();
      JsonNode requests = JSON.readTree(run.out()).get(0).path("requests");
      ArrayNode golden = JsonNodeFactory.instance.arrayNode();
      for (JsonNode r :
          JSON.readTree(
              Path.of("../aws-lambda/src/test/resources/golden/" + name + ".securityhub.json")
                  .toFile())) {
        if (r.path("operation").asText().equals("BatchImportFindings")) {
          golden.add(r.path("body"));
        }
      }
      assertThat(requests.findValues("body")).as(name).containsExactlyElementsOf(golden);
      assertThat(requests.findValuesAsText("region")).containsOnly("eu-west-1");
    }
  }

  @Test
  void defenderIsWhatTheAzureFunctionsAssessmentSinkSends() throws IOException {
    for (String name :
        List.of("eventgrid/aks-write-eventgrid", "eventhub/kube-audit-batch", "timer/sweep")) {
      CliRun run =
          CliRun.of(
              "replay",
              "--format",
              "defender",
              SAMPLES.resolve("azure/" + name + ".json").toString());
      assertThat(run.exitCode()).isZero();
      assertThat(JSON.readTree(run.out()).get(0).path("requests"))
          .as(name)
          .isEqualTo(
              JSON.readTree(
                  Path.of("../azure-function/src/test/resources/golden/" + name + ".requests.json")
                      .toFile()));
    }
  }

  @Test
  void sccIsWhatTheGcpFunctionsSecurityCommandCenterSinkSends() throws IOException {
    for (String name :
        List.of(
            "asset-cluster-misconfigured",
            "audit-k8s-deployment-create",
            "audit-k8s-deployment-delete",
            "occurrence-vulnerability",
            "http/dockerhub-push-scanned")) {
      CliRun run =
          CliRun.of(
              "replay", "--format", "scc", SAMPLES.resolve("gcp/" + name + ".json").toString());
      assertThat(run.exitCode()).isZero();
      List<String> mine = new ArrayList<>();
      for (JsonNode r : JSON.readTree(run.out()).path(0).path("requests")) {
        JsonNode f = r.path("body").path("finding");
        mine.add(
            r.path("operation").asText().equals("UpdateFinding")
                ? f.path("name").asText()
                    + " "
                    + f.path("sourceProperties").path("status").asText()
                    + " "
                    + f.path("resourceName").asText()
                    + " "
                    + f.path("eventTime").asText()
                : r.path("body").path("name").asText() + " INACTIVE");
      }
      // the module's golden requests, made over its REST transport against a fake endpoint
      String golden = name.startsWith("http/") ? "http-" + name.substring(5) : name;
      List<String> theirs = new ArrayList<>();
      for (JsonNode r :
          JSON.readTree(
                  Path.of("../gcp-function/src/test/resources/golden/" + golden + ".json").toFile())
              .path("sccRequests")) {
        JsonNode b = r.path("body");
        theirs.add(
            b.has("category")
                ? b.path("name").asText()
                    + " "
                    + b.path("sourceProperties").path("status").asText()
                    + " "
                    + b.path("resourceName").asText()
                    + " "
                    + b.path("eventTime").asText()
                : r.path("url").asText().replaceFirst("^/v1/", "").replaceFirst(":setState.*$", "")
                    + " INACTIVE");
      }
      // A deletion writes nothing when nothing is stored (the ordering read finds no finding).
      if (!name.endsWith("-delete")) {
        assertThat(mine).as(name).isNotEmpty();
      }
      assertThat(mine).as(name).containsExactlyInAnyOrderElementsOf(theirs);
    }
  }

  @Test
  void nativeFormatsOfOtherSourcesRunTheSameSinks() throws IOException {
    // Kubernetes objects of the EKS cluster go to Security Hub in its account and region...
    CliRun asff =
        CliRun.of("replay", "--format", "asff", SAMPLES.resolve("kubernetes/manifests").toString());
    JsonNode requests = JSON.readTree(asff.out());
    assertThat(asff.exitCode()).as(asff.err()).isZero();
    assertThat(requests.findValuesAsText("region")).containsOnly("eu-west-1");
    assertThat(requests.findValuesAsText("AwsAccountId")).containsOnly("418273645091");
    // ...and have no Azure resource to hold a Defender assessment.
    CliRun defender =
        CliRun.of(
            "replay", "--format", "defender", SAMPLES.resolve("kubernetes/manifests").toString());
    assertThat(JSON.readTree(defender.out())).isEmpty();
    // Docker Hub images are no AWS resource: the AWS function never writes them.
    CliRun dockerHub =
        CliRun.of("replay", "--format", "asff", SAMPLES.resolve("dockerhub").toString());
    assertThat(dockerHub.exitCode()).isZero();
    assertThat(JSON.readTree(dockerHub.out())).isEmpty();
    // Docker Hub images go to Security Command Center when a source is given...
    CliRun scc =
        CliRun.of(
            "replay",
            "--format",
            "scc",
            "--scc-source",
            "organizations/582019374625/sources/7241935786402716215",
            SAMPLES.resolve("dockerhub").toString());
    assertThat(scc.exitCode()).as(scc.err()).isZero();
    assertThat(JSON.readTree(scc.out()).findValuesAsText("resourceName"))
        .containsOnly(
            "//docker.io/acmecorp/payments-api:2.7.1",
            "//docker.io/acmecorp/checkout-worker:1.4.0");
    // ...and are left out, said on stderr, without one
    CliRun noSource =
        CliRun.of("replay", "--format", "scc", SAMPLES.resolve("dockerhub").toString());
    if (System.getenv("CONTAINERWATCH_SCC_SOURCE") == null) {
      assertThat(noSource.exitCode()).isZero();
      assertThat(JSON.readTree(noSource.out())).isEmpty();
      assertThat(noSource.err()).contains("scc: left out the findings of 2 sample(s)");
    }
  }

  @Test
  void sarifLocatesFailedFindingsInTheirSample() throws IOException {
    Path sample = SAMPLES.resolve("dockerhub/push-with-grype-report.json");
    CliRun run = CliRun.of("replay", "--format", "sarif", SAMPLES.resolve("dockerhub").toString());
    JsonNode log = JSON.readTree(run.out());
    assertThat(log.path("version").asText()).isEqualTo("2.1.0");
    JsonNode results = log.path("runs").get(0).path("results");
    assertThat(results).hasSize(1);
    assertThat(results.get(0).path("ruleId").asText())
        .isEqualTo("dockerhub.image-vulnerability-findings");
    assertThat(
            results
                .get(0)
                .path("locations")
                .get(0)
                .path("physicalLocation")
                .path("artifactLocation")
                .path("uri")
                .asText())
        .isEqualTo(sample.toString().replace('\\', '/'));
  }

  @Test
  void aFileOfNoKnownShapeOutsideTheSourceFoldersExitsTwo(@TempDir Path tmp) throws IOException {
    Path file = tmp.resolve("event.json");
    Files.writeString(file, "{\"hello\": \"world\"}");
    CliRun run = CliRun.of("replay", file.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .doesNotContain("\n")
        .contains("event.json: cannot tell which handler this sample is for");
  }

  @Test
  void aSampleOutsideTheSourceFoldersIsRecognisedByItsContent(@TempDir Path tmp)
      throws IOException {
    Path file = tmp.resolve("review.json");
    Files.copy(SAMPLES.resolve("kubernetes/admission/create-debug-pod-on-node.json"), file);
    CliRun run = CliRun.of("replay", "--format", "json", file.toString());
    JsonNode r = JSON.readTree(run.out()).get(0);
    assertThat(r.path("source").asText()).isEqualTo("kubernetes");
    assertThat(r.path("handler").asText()).isEqualTo("AdmissionController");
    // no settings: the objects belong to the default cluster
    assertThat(r.path("findings").findValuesAsText("resourceId"))
        .allMatch(id -> id.startsWith("local/k8s/"));
  }

  @Test
  void aBadConfigurationExitsTwoBeforeAnySampleIsReplayed() {
    CliRun run =
        CliRun.of(
            "replay",
            "--config",
            "src/test/resources/scan/config/bad-enabled.yaml",
            SAMPLES.toString());
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("rules[acr.private-link].enabled");
  }

  @Test
  void theConfigurationReachesEveryHandler() throws IOException {
    CliRun run =
        CliRun.of(
            "replay",
            "--format",
            "json",
            "--config",
            "src/test/resources/scan/config/registry-network-off.yaml",
            SAMPLES.resolve("azure/eventgrid/acr-write-cloudevents.json").toString(),
            SAMPLES.resolve("kubernetes/manifests/storefront.yaml").toString());
    JsonNode results = JSON.readTree(run.out());
    assertThat(results.get(0).path("findings").findValuesAsText("ruleId"))
        .doesNotContain("acr.private-link", "acr.unrestricted-network-access");
    assertThat(results.get(1).path("findings").findValuesAsText("ruleId"))
        .contains("k8s.no-privileged-containers");
  }

  @Test
  void missingPathExitsTwo() {
    CliRun run = CliRun.of("replay", "no-such-samples");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("containerwatch: no-such-samples: no such file or directory");
  }

  static Path copyOfSamples(Path tmp) throws IOException {
    Path target = tmp.resolve("events-samples");
    List<Path> files = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(SAMPLES)) {
      walk.forEach(files::add);
    }
    for (Path p : files) {
      Path to = target.resolve(SAMPLES.relativize(p).toString());
      if (Files.isDirectory(p)) {
        Files.createDirectories(to);
      } else {
        Files.copy(p, to);
      }
    }
    return target;
  }

  static Set<String> sources(JsonNode results) {
    Set<String> out = new HashSet<>();
    results.forEach(r -> out.add(r.path("source").asText()));
    return out;
  }
}
