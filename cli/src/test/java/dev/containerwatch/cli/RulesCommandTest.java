package dev.containerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.rules.Rules;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RulesCommandTest {

  @Test
  void jsonListsEveryRecommendationWithItsImplementationStatus() throws Exception {
    CliRun run = CliRun.of("rules", "--format", "json");
    assertThat(run.exitCode()).isZero();
    JsonNode rules = new ObjectMapper().readTree(run.out());
    assertThat(rules.size()).isEqualTo(55);
    Set<String> implemented = Rules.all().stream().map(Rule::id).collect(Collectors.toSet());
    for (JsonNode r : rules) {
      for (String field : new String[] {"id", "cloud", "severity", "category", "title"}) {
        assertThat(r.path(field).asText()).as("%s of %s", field, r.path("id")).isNotBlank();
      }
      assertThat(r.path("implemented").isBoolean()).isTrue();
      assertThat(r.path("implemented").booleanValue())
          .as("implemented of %s", r.path("id").asText())
          .isEqualTo(implemented.contains(r.path("id").asText()));
      if (r.path("category").asText().equals("control-plane")) {
        assertThat(r.path("implemented").booleanValue()).as(r.path("id").asText()).isTrue();
      }
    }
  }

  @Test
  void tableShowsEveryIdAndACount() {
    CliRun run = CliRun.of("rules");
    assertThat(run.exitCode()).isZero();
    assertThat(run.out())
        .contains("aks.rbac", "gke.network-policy", "dockerhub.image-vulnerability-findings");
    assertThat(run.out()).containsPattern("55 recommendations, \\d+ implemented");
  }
}
