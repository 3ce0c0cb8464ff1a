package dev.containerwatch.azure.sinks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.azure.loaders.ArmClient;
import dev.containerwatch.azure.loaders.RegistryDirectory;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.engine.Evaluation;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** How the shared (per cluster and rule) assessment of Kubernetes objects evolves. */
class DefenderAssessmentSinkTest {
  private static final String CLUSTER =
      "/subscriptions/8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/prod";
  private static final String RULE = "k8s.no-privileged-containers";
  private static final Instant T = Instant.parse("2026-11-29T09:14:02Z");

  /** ARM keeping the assessments it is given. */
  private static final class MemoryArm implements ArmClient {
    final Map<String, JsonNode> store = new HashMap<>();
    final List<String> calls = new ArrayList<>();

    @Override
    public Optional<JsonNode> get(String path, String apiVersion) {
      calls.add("GET " + path);
      return Optional.ofNullable(store.get(path.toLowerCase(Locale.ROOT)));
    }

    @Override
    public List<JsonNode> list(String path, String apiVersion) {
      return List.of();
    }

    @Override
    public JsonNode put(String path, String apiVersion, JsonNode body) {
      calls.add("PUT " + path);
      store.put(path.toLowerCase(Locale.ROOT), body);
      return body;
    }

    @Override
    public boolean delete(String path, String apiVersion) {
      calls.add("DELETE " + path);
      return store.remove(path.toLowerCase(Locale.ROOT)) != null;
    }

    @Override
    public JsonNode post(String path, String apiVersion, JsonNode body) {
      return JsonNodeFactory.instance.objectNode();
    }
  }

  private final MemoryArm arm = new MemoryArm();
  private final Catalog catalog = Catalog.bundled();
  private final DefenderAssessmentSink sink =
      new DefenderAssessmentSink(
          arm, catalog, new AssessmentScopes(new RegistryDirectory(), null), type -> List.of(RULE));

  private Finding finding(String object, Status status, String reason) {
    ResourceRef ref =
        new ResourceRef(
            ResourceType.KUBERNETES_OBJECT, CLUSTER + "/k8s/" + object, null, null, object);
    return Finding.of(new Evaluation(RULE, ref, null, status, reason), catalog.require(RULE), T);
  }

  private ObjectNode assessment() {
    return (ObjectNode)
        arm.store.get(AssessmentNames.assessmentPath(CLUSTER, RULE).toLowerCase(Locale.ROOT));
  }

  @Test
  void theClusterIsUnhealthyWhileAnyObjectFailsAndHealthyOnceNoneDoes() {
    sink.write(
        List.of(
            finding(
                "shop/Pod/debug-shell",
                Status.FAILED,
                "container 'shell': securityContext.privileged is true"),
            finding(
                "shop/Deployment.apps/web",
                Status.PASSED,
                "no container sets securityContext.privileged")));
    assertThat(assessment().at("/properties/status/code").asText()).isEqualTo("Unhealthy");
    assertThat(assessment().at("/properties/additionalData/failing").asText()).isEqualTo("1");
    assertThat(assessment().at("/properties/additionalData").has("object:shop/Pod/debug-shell"))
        .isTrue();

    sink.write(
        List.of(
            finding(
                "batch/Pod/job-1",
                Status.FAILED,
                "container 'x': securityContext.privileged is true")));
    assertThat(assessment().at("/properties/additionalData/failing").asText()).isEqualTo("2");

    // UNKNOWN says nothing: the entry stands and nothing is written
    int calls = arm.calls.size();
    sink.write(List.of(finding("shop/Pod/debug-shell", Status.UNKNOWN, "rule failed")));
    assertThat(arm.calls).hasSize(calls);

    sink.write(List.of(finding("shop/Pod/debug-shell", Status.PASSED, "fixed")));
    sink.resourceDeleted(
        new ResourceRef(
            ResourceType.KUBERNETES_OBJECT, CLUSTER + "/k8s/batch/Pod/job-1", null, null, "job-1"),
        List.of(RULE),
        T);
    assertThat(assessment().at("/properties/status/code").asText()).isEqualTo("Healthy");
    assertThat(assessment().at("/properties/additionalData/failing").asText()).isEqualTo("0");
    assertThat(assessment().at("/properties/additionalData").has("object:shop/Pod/debug-shell"))
        .isFalse();
  }

  @Test
  void objectsTheRuleDoesNotConcernCreateNoAssessment() {
    sink.write(
        List.of(finding("kube-system/Pod/coredns", Status.NOT_APPLICABLE, "excluded namespace")));

    assertThat(assessment()).isNull();
    assertThat(arm.calls).noneMatch(c -> c.startsWith("PUT"));
  }

  @Test
  void aDeletedClusterLosesTheAssessmentsItHeldForItsObjects() {
    sink.write(List.of(finding("shop/Pod/debug-shell", Status.FAILED, "privileged")));

    sink.resourceDeleted(
        new ResourceRef(ResourceType.AKS_CLUSTER, CLUSTER, null, null, "prod"),
        List.of("aks.rbac"),
        T);

    assertThat(assessment()).isNull();
    assertThat(arm.calls)
        .contains(
            "DELETE " + AssessmentNames.assessmentPath(CLUSTER, "aks.rbac"),
            "DELETE " + AssessmentNames.assessmentPath(CLUSTER, RULE));
  }
}
