package dev.containerwatch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.kubernetes.admission.AdmissionController;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.Golden;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AdmissionReview round trips: each {@code <name>.request.json} (with an optional {@code
 * <name>.config.yaml}) must give the golden {@code <name>.response.json}.
 */
class AdmissionControllerTest {
  private static final Path DIR = Path.of("src/test/resources/kubernetes/admission");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ConfigurationLoader LOADER =
      new ConfigurationLoader(Catalog.bundled(), Rules.all());

  private static JsonNode review(String name) throws IOException {
    Path config = DIR.resolve(name + ".config.yaml");
    Configuration c = Files.exists(config) ? LOADER.load(config) : LOADER.defaults();
    AdmissionController controller =
        new AdmissionController(
            new RuleEngine(Rules.all(), c),
            c,
            "aks-shop-prod",
            Clock.fixed(Instant.parse("2026-11-29T12:00:00Z"), ZoneOffset.UTC));
    return controller.review(JSON.readTree(DIR.resolve(name + ".request.json").toFile()));
  }

  @TestFactory
  Stream<DynamicTest> everyRequestGivesItsGoldenResponse() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".request.json"))
          .sorted()
          .toList()
          .stream()
          .map(n -> n.substring(0, n.length() - ".request.json".length()))
          .map(
              name ->
                  DynamicTest.dynamicTest(
                      name,
                      () -> {
                        JsonNode response = review(name);
                        JsonNode request =
                            JSON.readTree(DIR.resolve(name + ".request.json").toFile());
                        assertThat(response.path("response").path("uid").asText())
                            .isEqualTo(request.path("request").path("uid").asText());
                        assertThat(response.path("apiVersion"))
                            .isEqualTo(request.path("apiVersion"));
                        Golden.assertMatches(DIR.resolve(name + ".response.json"), response);
                      }));
    }
  }

  @Test
  void auditModeAllowsWithAWarningNamingTheContainer() throws IOException {
    JsonNode r = review("create-privileged-pod").path("response");
    assertThat(r.path("allowed").asBoolean()).isTrue();
    assertThat(r.path("status").isMissingNode()).isTrue();
    assertThat(r.path("warnings").toString())
        .contains(
            "[k8s.no-privileged-containers] container 'shell': securityContext.privileged is true");
  }

  @Test
  void enforceModeDeniesForTheRulesSetToDeny() throws IOException {
    JsonNode r = review("create-privileged-pod-denied").path("response");
    assertThat(r.path("allowed").asBoolean()).isFalse();
    assertThat(r.path("status").path("code").asInt()).isEqualTo(403);
    assertThat(r.path("status").path("message").asText())
        .startsWith("denied by containerwatch: ")
        .contains("[k8s.no-privileged-containers] container 'shell'");
    assertThat(r.path("warnings").toString()).doesNotContain("k8s.no-privileged-containers");
  }

  @Test
  void deleteIsAllowedUntouched() throws IOException {
    JsonNode r = review("delete-pod").path("response");
    assertThat(r.path("allowed").asBoolean()).isTrue();
    assertThat(r.has("warnings")).isFalse();
  }

  @Test
  void theRequestsNamespaceDecidesExclusionWhenTheObjectOmitsIt() throws IOException {
    JsonNode r = review("create-without-namespace-in-kube-system").path("response");
    assertThat(r.path("allowed").asBoolean()).isTrue();
    assertThat(r.path("warnings").toString()).doesNotContain("k8s.no-privileged-containers");
  }

  @Test
  void kindsNoRuleReadsAreAllowedUntouched() throws IOException {
    JsonNode r = review("create-namespace").path("response");
    assertThat(r.path("allowed").asBoolean()).isTrue();
    assertThat(r.has("warnings")).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "missing-uid.json | AdmissionReview: request.uid is missing",
        "not-a-review.json | AdmissionReview: expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got 'v1' and 'Pod'",
        "array.json | AdmissionReview: expected a JSON object"
      })
  void malformedReviewsAreRejected(String file, String message) throws IOException {
    Configuration c = LOADER.defaults();
    AdmissionController controller =
        new AdmissionController(new RuleEngine(Rules.all(), c), c, "x", Clock.systemUTC());
    JsonNode body = JSON.readTree(DIR.resolve("invalid").resolve(file).toFile());
    assertThatThrownBy(() -> controller.review(body))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }
}
