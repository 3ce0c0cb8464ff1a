package dev.containerwatch.kubernetes;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.kubernetes.admission.AdmissionController;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.Fuzzing;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Timeout;

/**
 * The admission webhook answers every AdmissionReview with a response carrying the request's uid,
 * or refuses a body that is none with one clear line; it never fails otherwise.
 */
class AdmissionControllerFuzzTest {
  private static final AdmissionController CONTROLLER = controller();

  private static AdmissionController controller() {
    ConfigurationLoader loader = new ConfigurationLoader(Catalog.bundled(), Rules.all());
    // Deny on a rule, so that both the warning and the denial paths are reached.
    Configuration c =
        loader.load(
            Path.of(
                "src/test/resources/kubernetes/admission/create-privileged-pod-denied.config.yaml"));
    return new AdmissionController(
        new RuleEngine(Rules.all(), c),
        c,
        "aks-fuzz",
        Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC));
  }

  @Timeout(10)
  @FuzzTest
  void review(byte[] data) {
    JsonNode review = Fuzzing.json(data);
    if (review == null) {
      return;
    }
    Fuzzing.parser(
        () -> {
          ObjectNode response = CONTROLLER.review(review);
          String uid = review.path("request").path("uid").asText();
          if (!uid.equals(response.path("response").path("uid").asText())
              || !response.path("response").path("allowed").isBoolean()) {
            throw new AssertionError("response without the request's uid or a decision");
          }
        });
  }
}
