package dev.containerwatch.kubernetes;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.kubernetes.admission.AdmissionController;
import dev.containerwatch.kubernetes.admission.AdmissionWebhook;
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
  private static final Configuration CONFIGURATION = configuration();
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC);
  private static final AdmissionController CONTROLLER =
      new AdmissionController(
          new RuleEngine(Rules.all(), CONFIGURATION), CONFIGURATION, "aks-fuzz", CLOCK);
  private static final AdmissionWebhook WEBHOOK =
      new AdmissionWebhook(new RuleEngine(Rules.all(), CONFIGURATION), CONFIGURATION, CLOCK);

  private static Configuration configuration() {
    ConfigurationLoader loader = new ConfigurationLoader(Catalog.bundled(), Rules.all());
    // Deny on a rule, so that both the warning and the denial paths are reached.
    return loader.load(
        Path.of(
            "src/test/resources/kubernetes/admission/create-privileged-pod-denied.config.yaml"));
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

  /**
   * The webhook's envelope takes raw bytes: every body gets 200 with a response, or 400 / 413 with
   * one line; nothing escapes.
   */
  @Timeout(10)
  @FuzzTest
  void webhook(byte[] data) {
    AdmissionWebhook.Answer answer = WEBHOOK.answer(data, "aks-fuzz");
    boolean answered = answer.status() == 200 && answer.response() != null;
    boolean rejected =
        (answer.status() == 400 || answer.status() == 413)
            && answer.response() == null
            && answer.error() != null
            && !answer.error().isBlank()
            && answer.error().indexOf('\n') < 0;
    if (!answered && !rejected) {
      throw new AssertionError("neither answered nor rejected with a line: " + answer);
    }
  }
}
