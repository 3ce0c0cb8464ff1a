package dev.containerwatch.aws.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.engine.Evaluation;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Batching and size limits of the Security Hub sink, against an in-memory Security Hub. */
class SecurityHubSinkTest {
  static final Instant TIME = Instant.parse("2025-11-29T12:00:00Z");
  final List<ArrayNode> imports = new ArrayList<>();
  final SecurityHubApi memory =
      new SecurityHubApi() {
        @Override
        public JsonNode batchImportFindings(String region, ArrayNode findings) {
          imports.add(findings);
          return new ObjectMapper()
              .createObjectNode()
              .put("FailedCount", 0)
              .put("SuccessCount", findings.size());
        }

        @Override
        public JsonNode getFindings(String region, ObjectNode request) {
          return new ObjectMapper().createObjectNode().putArray("Findings");
        }
      };
  final SecurityHubSink sink =
      new SecurityHubSink(
          memory,
          () -> "418273645091",
          "2026.11.1",
          "eu-west-1",
          new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(1)),
          d -> {});

  static Finding clusterFinding(int n) {
    ResourceRef ref =
        new ResourceRef(
            ResourceType.EKS_CLUSTER,
            "arn:aws:eks:eu-west-1:418273645091:cluster/c" + n,
            "418273645091",
            "eu-west-1",
            "c" + n);
    return Finding.of(
        new Evaluation("eks.defender-permissions", ref, null, Status.FAILED, "audit off"),
        Catalog.bundled().require("eks.defender-permissions"),
        TIME);
  }

  @Test
  void atMostOneHundredFindingsPerRequest() {
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 250; i++) {
      findings.add(clusterFinding(i));
    }
    sink.write(findings, null);
    assertThat(imports).extracting(ArrayNode::size).containsExactly(100, 100, 50);
  }

  @Test
  void aFindingOverTheSizeLimitIsTrimmedAndBatchesStayUnderSixMegabytes() {
    ImageRef image =
        ImageRef.parse(
            "418273645091.dkr.ecr.eu-west-1.amazonaws.com/shop/web@sha256:" + "a".repeat(64));
    List<Vulnerability> many = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      many.add(
          new Vulnerability(
              "CVE-2025-" + (10000 + i),
              VulnerabilitySeverity.HIGH,
              7.5,
              "package-with-a-rather-long-name-" + i + "-" + "x".repeat(3000),
              "1.0." + i,
              "1.1." + i));
    }
    VulnerabilityReport report =
        VulnerabilityReport.complete(image, Scanner.AMAZON_INSPECTOR, TIME, many);
    var snapshot = report.snapshot(TIME);
    List<Finding> findings = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      findings.add(
          Finding.of(
              new Evaluation(
                  "ecr.image-vulnerability-findings",
                  snapshot.resource(),
                  null,
                  Status.FAILED,
                  "3000 known vulnerabilities " + i),
              Catalog.bundled().require("ecr.image-vulnerability-findings"),
              TIME));
    }
    sink.write(findings, snapshot);

    int total = 0;
    for (ArrayNode batch : imports) {
      assertThat(batch.toString().getBytes(StandardCharsets.UTF_8).length)
          .isLessThanOrEqualTo(SecurityHubSink.MAX_BATCH_BYTES);
      for (JsonNode f : batch) {
        assertThat(f.toString().getBytes(StandardCharsets.UTF_8).length)
            .isLessThanOrEqualTo(SecurityHubSink.MAX_FINDING_BYTES);
        assertThat(f.path("Vulnerabilities").size()).isBetween(1, Asff.MAX_VULNERABILITIES - 1);
        total++;
      }
    }
    assertThat(total).isEqualTo(40);
    assertThat(imports.size()).isGreaterThan(1);
  }

  @Test
  void failuresThatNeverHelpAreNotRetried() {
    assertThat(SecurityHubSink.isRetryable("InvalidInput")).isFalse();
    assertThat(SecurityHubSink.isRetryable("InvalidAccess")).isFalse();
    assertThat(SecurityHubSink.isRetryable("AccessDeniedException")).isFalse();
    assertThat(SecurityHubSink.isRetryable("LimitExceededException")).isTrue();
    assertThat(SecurityHubSink.isRetryable("InternalFailure")).isTrue();
    assertThat(SecurityHubSink.isRetryable("ThrottlingException")).isTrue();
  }

  @Test
  void archivingLeavesFindingsUpdatedAfterTheDeletionAlone() throws Exception {
    ObjectMapper json = new ObjectMapper();
    ObjectNode older =
        (ObjectNode)
            json.readTree(
                "{\"Id\":\"a\",\"UpdatedAt\":\"2025-11-29T11:00:00.000Z\",\"ProductFields\":{\"aws/securityhub/FindingId\":\"x\",\"containerwatch/RuleId\":\"r\"},\"FindingProviderFields\":{\"Severity\":{\"Label\":\"HIGH\"}}}");
    ObjectNode newer =
        (ObjectNode) json.readTree("{\"Id\":\"b\",\"UpdatedAt\":\"2025-11-29T12:00:00.000Z\"}");
    SecurityHubApi stored =
        new SecurityHubApi() {
          @Override
          public JsonNode batchImportFindings(String region, ArrayNode findings) {
            imports.add(findings);
            return json.createObjectNode();
          }

          @Override
          public JsonNode getFindings(String region, ObjectNode request) {
            ObjectNode page = json.createObjectNode();
            page.putArray("Findings").add(older).add(newer);
            return page;
          }
        };
    new SecurityHubSink(
            stored, () -> "418273645091", "v", "eu-west-1", RetryPolicy.defaults(), d -> {})
        .archive(clusterFinding(1).resource(), TIME);

    assertThat(imports).hasSize(1);
    JsonNode archived = imports.get(0).get(0);
    assertThat(imports.get(0)).hasSize(1);
    assertThat(archived.path("Id").asText()).isEqualTo("a");
    assertThat(archived.path("RecordState").asText()).isEqualTo("ARCHIVED");
    assertThat(archived.path("UpdatedAt").asText()).isEqualTo("2025-11-29T12:00:00.000Z");
    assertThat(archived.path("Severity").path("Label").asText()).isEqualTo("HIGH");
    assertThat(archived.path("ProductFields").has("aws/securityhub/FindingId")).isFalse();
    assertThat(archived.path("ProductFields").path("containerwatch/RuleId").asText())
        .isEqualTo("r");
  }
}
