package dev.containerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanCommandTest {
  private static final String DIR = "src/test/resources/scan/";
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void jsonOutputHasEveryPromisedField() throws Exception {
    CliRun run = CliRun.of("scan", "--format", "json", DIR + "medium-only");
    JsonNode findings = JSON.readTree(run.out());
    assertThat(findings.size()).isPositive();
    for (JsonNode f : findings) {
      for (String field :
          new String[] {"ruleId", "status", "severity", "title", "resourceId", "reason", "id"}) {
        assertThat(f.path(field).asText()).as(field).isNotBlank();
      }
      assertThat(f.has("subject")).isTrue();
    }
    assertThat(findings.findValuesAsText("ruleId"))
        .contains("acr.private-link", "acr.unrestricted-network-access");
  }

  @Test
  void exitCodeIsZeroWhenNothingFailed() {
    CliRun run = CliRun.of("scan", DIR + "healthy");
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).contains("PASSED", "acr.private-link").doesNotContain("FAILED ");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void exitCodeFollowsTheFailOnThreshold() {
    // The public registry fails two Medium recommendations and nothing High.
    assertThat(CliRun.of("scan", DIR + "medium-only").exitCode()).isEqualTo(1);
    assertThat(CliRun.of("scan", "--fail-on", "medium", DIR + "medium-only").exitCode())
        .isEqualTo(1);
    assertThat(CliRun.of("scan", "--fail-on", "high", DIR + "medium-only").exitCode()).isZero();
    assertThat(CliRun.of("scan", "--fail-on", "LOW", DIR + "medium-only").exitCode()).isEqualTo(1);
  }

  @Test
  void configurationTurnsRulesOff() {
    CliRun run =
        CliRun.of(
            "scan", "--config", DIR + "config/registry-network-off.yaml", DIR + "medium-only");
    assertThat(run.out())
        .doesNotContain("acr.private-link")
        .doesNotContain("acr.unrestricted-network-access");
    assertThat(run.exitCode()).isZero();
  }

  @Test
  void badConfigurationExitsTwoWithOneLineNamingTheKey() {
    CliRun run = CliRun.of("scan", "--config", DIR + "config/bad-enabled.yaml", DIR + "healthy");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .doesNotContain("\n")
        .contains("rules[acr.private-link].enabled: expected true or false, got \"maybe\"");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void unparsableFileExitsTwoWithOneLineNamingTheFile() {
    CliRun run = CliRun.of("scan", DIR + "bad/garbage.yaml");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .doesNotContain("\n")
        .startsWith("containerwatch: " + DIR + "bad/garbage.yaml: not valid JSON or YAML");
    assertThat(run.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void unknownDocumentTypeExitsTwo() {
    CliRun run = CliRun.of("scan", DIR + "bad/unknown-type.json");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("unknown-type.json: not a recognised resource document");
  }

  @Test
  void aLoneDocumentOfATypeNoRuleReadsExitsTwoNamingTheType() {
    CliRun kind = CliRun.of("scan", DIR + "bad/unsupported-kind.json");
    assertThat(kind.exitCode()).isEqualTo(2);
    assertThat(kind.err()).contains("Kubernetes kind Namespace is not evaluated");
    CliRun arm = CliRun.of("scan", DIR + "bad/unsupported-arm-type.json");
    assertThat(arm.exitCode()).isEqualTo(2);
    assertThat(arm.err()).contains("ARM type Microsoft.Web/sites is not evaluated");
  }

  @Test
  void manifestsGiveOneFindingPerWorkloadWithPerContainerReasons() throws Exception {
    CliRun run =
        CliRun.of("scan", "--format", "json", "--cluster", "aks-shop-prod", DIR + "manifests");
    JsonNode findings = JSON.readTree(run.out());
    JsonNode privileged = null;
    for (JsonNode f : findings) {
      if (f.path("ruleId").asText().equals("k8s.no-privileged-containers")
          && f.path("resourceId").asText().contains("/shop/")) {
        assertThat(privileged)
            .as("one finding for the Deployment, none for its ReplicaSet or Pod")
            .isNull();
        privileged = f;
      }
    }
    assertThat(privileged).isNotNull();
    assertThat(privileged.path("resourceId").asText())
        .isEqualTo("aks-shop-prod/k8s/shop/Deployment.apps/checkout");
    assertThat(privileged.path("reason").asText())
        .contains("container 'envoy': securityContext.privileged is true")
        .contains("initContainer 'migrate': securityContext.privileged is true");
    // kubectl's List: the Namespace has no rule, the kube-system pod is excluded.
    assertThat(findings.findValuesAsText("resourceId"))
        .contains("aks-shop-prod/k8s/monitoring/DaemonSet.apps/node-exporter")
        .noneMatch(id -> id.contains("/Namespace/"));
  }

  @Test
  void configurationParametersReachTheDataPlaneRules() throws Exception {
    CliRun run =
        CliRun.of(
            "scan",
            "--format",
            "json",
            "--config",
            DIR + "config/privileged-only-shop.yaml",
            DIR + "manifests");
    for (JsonNode f : JSON.readTree(run.out())) {
      if (!f.path("ruleId").asText().equals("k8s.no-privileged-containers")) {
        continue;
      }
      if (f.path("resourceId").asText().contains("/monitoring/")) {
        assertThat(f.path("status").asText()).isEqualTo("NOT_APPLICABLE");
      } else if (f.path("resourceId").asText().contains("/shop/")) {
        assertThat(f.path("status").asText()).isEqualTo("FAILED");
        assertThat(f.path("reason").asText()).contains("migrate").doesNotContain("envoy");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "trivy",
        "grype",
        "ecr-scan-findings",
        "ecr-image-scan-event",
        "inspector-findings",
        "artifact-analysis",
        "defender"
      })
  void everyScanReportFormatIsDetectedAndEvaluated(String format) throws Exception {
    Path dir = Path.of("../common-rules/src/test/resources/vulnerabilities", format);
    List<String> files = new ArrayList<>();
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(f -> f.toString().endsWith(".json") && !f.toString().endsWith(".expected.json"))
          .forEach(f -> files.add(f.toString()));
    }
    List<String> args =
        new ArrayList<>(List.of("scan", "--format", "json", "--aws-region", "eu-west-1"));
    args.addAll(files);
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isIn(0, 1);
    assertThat(JSON.readTree(run.out()).findValuesAsText("ruleId"))
        .anyMatch(
            id ->
                id.endsWith("image-vulnerability-findings")
                    || id.startsWith("acr.image-vulnerabilities"));
  }

  @Test
  void missingPathExitsTwo() {
    CliRun run = CliRun.of("scan", DIR + "nothing-here.json");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err().strip())
        .isEqualTo("containerwatch: " + DIR + "nothing-here.json: no such file or directory");
  }

  @Test
  void unknownOptionValueExitsTwo() {
    CliRun run = CliRun.of("scan", "--fail-on", "critical", DIR + "healthy");
    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.err()).contains("--fail-on");
  }

  @Test
  void theReadmeSamplesCoverEveryCloudAndFail() throws Exception {
    CliRun run = CliRun.of("scan", "--format", "json", "../events-samples/resources");
    assertThat(run.err()).isEmpty();
    assertThat(run.exitCode()).isEqualTo(1);
    Set<String> clouds = new HashSet<>(JSON.readTree(run.out()).findValuesAsText("cloud"));
    assertThat(clouds).contains("azure", "aws", "gcp");
  }

  @Test
  void sarifHasOneRulePerRecommendationAndLocatesFailedFindingsInTheirFile() throws Exception {
    CliRun run = CliRun.of("scan", "--format", "sarif", "../events-samples/resources");
    assertThat(run.exitCode()).isEqualTo(1);
    JsonNode log = JSON.readTree(run.out());
    assertThat(log.path("$schema").asText())
        .isEqualTo("https://json.schemastore.org/sarif-2.1.0.json");
    assertThat(log.path("version").asText()).isEqualTo("2.1.0");
    JsonNode run0 = log.path("runs").get(0);
    JsonNode rules = run0.path("tool").path("driver").path("rules");
    assertThat(rules.findValuesAsText("id"))
        .doesNotHaveDuplicates()
        .containsExactlyElementsOf(
            dev.containerwatch.catalog.Catalog.bundled().all().stream()
                .map(dev.containerwatch.catalog.Recommendation::id)
                .toList());
    for (JsonNode rule : rules) {
      assertThat(rule.path("shortDescription").path("text").asText()).isNotBlank();
      assertThat(rule.path("defaultConfiguration").path("level").asText())
          .isIn("error", "warning", "note");
      assertThat(rule.path("properties").path("security-severity").asText()).isNotBlank();
    }
    JsonNode results = run0.path("results");
    assertThat(results.size()).isPositive();
    Set<String> uris = new HashSet<>();
    for (JsonNode r : results) {
      int index = r.path("ruleIndex").asInt();
      assertThat(rules.get(index).path("id").asText()).isEqualTo(r.path("ruleId").asText());
      assertThat(r.path("level").asText())
          .isEqualTo(rules.get(index).path("defaultConfiguration").path("level").asText());
      assertThat(r.path("message").path("text").asText()).isNotBlank();
      assertThat(r.path("partialFingerprints").path("containerwatchFindingId/v1").asText())
          .hasSize(32);
      JsonNode physical = r.path("locations").get(0).path("physicalLocation");
      uris.add(physical.path("artifactLocation").path("uri").asText());
      assertThat(physical.path("region").path("startLine").asInt()).isEqualTo(1);
    }
    assertThat(uris)
        .contains(
            "../events-samples/resources/azure/aks-shop-prod.json",
            "../events-samples/resources/aws/eks-orders-prod.describe-cluster.json",
            "../events-samples/resources/gcp/gke-payments-euw1.json");
    // only FAILED findings are results
    CliRun json = CliRun.of("scan", "--format", "json", "../events-samples/resources");
    long failed = 0;
    for (JsonNode f : JSON.readTree(json.out())) {
      failed += f.path("status").asText().equals("FAILED") ? 1 : 0;
    }
    assertThat(results.size()).isEqualTo((int) failed);
  }

  @Test
  void asffIsTheSecurityHubSinksMappingOfTheFindings() throws Exception {
    CliRun run =
        CliRun.of(
            "scan",
            "--format",
            "asff",
            "../events-samples/resources/aws/eks-orders-prod.describe-cluster.json");
    JsonNode requests = JSON.readTree(run.out());
    assertThat(requests).hasSize(1);
    JsonNode request = requests.get(0);
    assertThat(request.path("operation").asText()).isEqualTo("BatchImportFindings");
    assertThat(request.path("region").asText()).isEqualTo("eu-west-1");
    JsonNode finding = request.path("body").path("Findings").get(0);
    // the resource's own account imports it when none is given
    assertThat(finding.path("AwsAccountId").asText()).isEqualTo("418273645091");
    assertThat(finding.path("Resources").get(0).path("Type").asText()).isEqualTo("AwsEksCluster");
    assertThat(
            finding
                .path("Resources")
                .get(0)
                .path("Details")
                .path("AwsEksCluster")
                .path("Name")
                .asText())
        .isEqualTo("orders-prod");
    assertThat(finding.path("Compliance").path("Status").asText())
        .isIn("FAILED", "PASSED", "NOT_AVAILABLE");

    CliRun imported =
        CliRun.of(
            "scan",
            "--format",
            "asff",
            "--aws-account",
            "529384716203",
            "../events-samples/resources/aws/eks-orders-prod.describe-cluster.json");
    assertThat(JSON.readTree(imported.out()).findValuesAsText("AwsAccountId"))
        .containsOnly("529384716203");

    // another cloud's resources are never written to Security Hub by the AWS function
    CliRun gke =
        CliRun.of(
            "scan", "--format", "asff", "../events-samples/resources/gcp/gke-payments-euw1.json");
    assertThat(gke.err()).isEmpty();
    assertThat(JSON.readTree(gke.out())).isEmpty();
  }

  @Test
  void defenderIsTheAssessmentSinksRequests() throws Exception {
    CliRun run = CliRun.of("scan", "--format", "defender", "../events-samples/resources");
    JsonNode requests = JSON.readTree(run.out());
    assertThat(requests.size()).isPositive();
    Set<String> scopes = new HashSet<>();
    for (JsonNode r : requests) {
      assertThat(r.path("method").asText()).isEqualTo("PUT");
      assertThat(r.path("apiVersion").asText()).isEqualTo("2021-06-01");
      String path = r.path("path").asText();
      if (path.contains("/assessments/")) {
        scopes.add(path.substring(0, path.indexOf("/providers/Microsoft.Security/assessments/")));
        assertThat(r.path("body").path("properties").path("status").path("code").asText())
            .isIn("Healthy", "Unhealthy", "NotApplicable");
      } else {
        assertThat(path).contains("/providers/Microsoft.Security/assessmentMetadata/");
      }
    }
    // Azure resources only: the EKS and GKE clusters have no Azure resource to hold an assessment
    assertThat(scopes).allMatch(s -> s.startsWith("/subscriptions/"));
    assertThat(scopes).anyMatch(s -> s.endsWith("/managedClusters/aks-shop-prod"));
  }

  @Test
  void sccIsTheSecurityCommandCenterSinksRequests() throws Exception {
    String source = "organizations/582019374625/sources/7241935786402716215";
    CliRun run =
        CliRun.of("scan", "--format", "scc", "--scc-source", source, "../events-samples/resources");
    JsonNode requests = JSON.readTree(run.out());
    assertThat(requests.size()).isPositive();
    for (JsonNode r : requests) {
      assertThat(r.path("operation").asText()).isEqualTo("UpdateFinding");
      JsonNode f = r.path("body").path("finding");
      assertThat(f.path("name").asText()).startsWith(source + "/findings/");
      assertThat(f.path("state").asText()).isIn("ACTIVE", "INACTIVE");
      // GKE only: the other clouds' resources are not the GCP function's
      assertThat(f.path("resourceName").asText())
          .startsWith("//container.googleapis.com/projects/");
    }
    assertThat(r0(requests).path("updateMask").asText()).contains("state", "sourceProperties");

    if (System.getenv("CONTAINERWATCH_SCC_SOURCE") == null) {
      CliRun missing = CliRun.of("scan", "--format", "scc", "../events-samples/resources/gcp");
      assertThat(missing.exitCode()).isEqualTo(2);
      assertThat(missing.err()).contains("give --scc-source");
    }
    CliRun bad =
        CliRun.of(
            "scan",
            "--format",
            "scc",
            "--scc-source",
            "projects/x",
            "../events-samples/resources/gcp");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).contains("is not organizations/ORG/sources/SOURCE");
  }

  private static JsonNode r0(JsonNode requests) {
    return requests.get(0).path("body");
  }
}
