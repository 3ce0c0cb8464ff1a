package dev.containerwatch.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.kubernetes.admission.AdmissionController;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.Rules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Documents as deep as the readers allow (1000 levels) go through the reader, every rule and the
 * admission webhook without a StackOverflowError, on a thread stack smaller than the JVM's default.
 */
class DeepDocumentsTest {
  private static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A value nested so that the whole document is at the readers' depth limit. */
  private static String deep(int levels) {
    return "{\"a\": [".repeat(levels / 2) + "1" + "]}".repeat(levels / 2);
  }

  /** A Deployment with a deep value in every place the data-plane rules read. */
  private static String deployment() {
    String v = deep(980);
    return "{\"apiVersion\": \"apps/v1\", \"kind\": \"Deployment\", \"metadata\": {\"name\": \"web\","
        + " \"namespace\": \"shop\", \"labels\": {\"app\": "
        + v
        + "}, \"annotations\": {\"x\": "
        + v
        + "}}, \"spec\": {\"selector\": "
        + v
        + ", \"template\": {\"metadata\": {\"annotations\": "
        + v
        + "}, \"spec\": {\"securityContext\": "
        + v
        + ", \"volumes\": [{\"name\": \"v\", \"hostPath\": "
        + v
        + "}], \"containers\": [{\"name\": \"web\", \"image\": "
        + v
        + ", \"securityContext\": "
        + v
        + ", \"resources\": "
        + v
        + ", \"ports\": [{\"hostPort\": "
        + v
        + "}]}]}}}}";
  }

  @Test
  void everyRuleEvaluatesADocumentAtTheDepthLimit() throws Exception {
    Configuration defaults = new ConfigurationLoader(Catalog.bundled(), Rules.all()).defaults();
    RuleEngine engine = new RuleEngine(Rules.all(), defaults);
    List<Evaluation> evaluations = new ArrayList<>();
    JsonNode[] response = new JsonNode[1];
    Throwable[] failure = new Throwable[1];
    Thread thread =
        new Thread(
            null,
            () -> {
              try {
                SnapshotReader reader = new SnapshotReader(AT);
                reader.add("deep.json", deployment().getBytes(StandardCharsets.UTF_8));
                for (Snapshot s : reader.snapshots()) {
                  evaluations.addAll(engine.evaluate(s));
                }
                JsonNode review =
                    JSON.readTree(
                        "{\"apiVersion\": \"admission.k8s.io/v1\", \"kind\": \"AdmissionReview\","
                            + " \"request\": {\"uid\": \"u1\", \"operation\": \"CREATE\","
                            + " \"object\": "
                            + deployment()
                            + "}}");
                response[0] =
                    new AdmissionController(engine, defaults, "c", Clock.fixed(AT, ZoneOffset.UTC))
                        .review(review);
              } catch (Throwable t) {
                failure[0] = t;
              }
            },
            "deep",
            512 * 1024);
    thread.start();
    thread.join();
    assertThat(failure[0]).isNull();
    assertThat(evaluations).isNotEmpty();
    assertThat(evaluations)
        .allSatisfy(e -> assertThat(e.reason()).doesNotContain("StackOverflowError"));
    assertThat(response[0].path("response").path("uid").asText()).isEqualTo("u1");
  }
}
