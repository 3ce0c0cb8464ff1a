package dev.containerwatch.azure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.azure.handlers.HttpOutcome;
import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.RecordingSleeper;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import dev.containerwatch.azure.testing.TestHttpRequest;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The admission and Docker Hub functions' answers beyond the samples. */
class HttpFunctionsTest {
  private static final String REVIEW =
      Samples.read(Samples.ROOT.resolve("admission/audit-privileged-pod.json"));
  private static final String PUSH =
      Samples.read(Samples.ROOT.resolve("dockerhub/push-with-report.json"));
  @RegisterExtension static final FakeAzure azure = new FakeAzure();

  private static HttpOutcome admit(
      AzureApp app, String body, Map<String, String> query, TestContext context) {
    return new AdmissionFunction(() -> app).handle(TestHttpRequest.admission(body, query), context);
  }

  @Test
  void aClusterThatIsNotConfiguredIsForbidden() {
    TestContext context = new TestContext("admission");

    HttpOutcome outcome =
        admit(
            TestApps.app(azure),
            REVIEW,
            Map.of("cluster", TestApps.AKS.replace("aks-shop-prod", "aks-unknown")),
            context);

    assertThat(outcome.status()).isEqualTo(403);
    assertThat(context.lines("rejected")).hasSize(1);
    assertThat(azure.writes()).isEmpty();
  }

  @Test
  void withSeveralClustersTheQueryNamesTheCluster() {
    Map<String, String> env = new HashMap<>(TestApps.env(azure));
    String arc =
        "/subscriptions/"
            + TestApps.SUBSCRIPTION
            + "/resourceGroups/rg-multicloud-arc/providers/Microsoft.Kubernetes/connectedClusters/eks-arc-checkout";
    env.put("CONTAINERWATCH_ADMISSION_CLUSTERS", TestApps.AKS + "," + arc);
    AzureApp app = TestApps.app(env, new RecordingSleeper());

    HttpOutcome without = admit(app, REVIEW, Map.of(), new TestContext("admission"));
    HttpOutcome with =
        admit(app, REVIEW, Map.of("cluster", arc.toLowerCase()), new TestContext("admission"));

    assertThat(without.status()).isEqualTo(403);
    assertThat(with.status()).isEqualTo(200);
    assertThat(with.findings())
        .isNotEmpty()
        .allSatisfy(f -> assertThat(f.resource().id()).startsWith(arc + "/k8s/"));
    assertThat(azure.count("PUT", "eks-arc-checkout/providers/Microsoft.Security/assessments/"))
        .isPositive();
  }

  @Test
  void aDryRunIsAnsweredButNotRecorded() {
    String dryRun = REVIEW.replace("\"dryRun\": false", "\"dryRun\": true");
    assertThat(dryRun).isNotEqualTo(REVIEW);

    HttpOutcome outcome =
        admit(TestApps.app(azure), dryRun, Map.of(), new TestContext("admission"));

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(outcome.body().path("response").path("warnings").size()).isPositive();
    assertThat(outcome.findings()).isEmpty();
    assertThat(azure.writes()).isEmpty();
  }

  @Test
  void aFailingRecordNeverChangesTheAdmissionAnswer() {
    azure.always(
        "PUT",
        "(?i).*/providers/Microsoft\\.Security/assessments/.*",
        403,
        "{\"error\":{\"code\":\"AuthorizationFailed\",\"message\":\"no write\"}}");
    TestContext context = new TestContext("admission");

    HttpOutcome outcome = admit(TestApps.app(azure), REVIEW, Map.of(), context);

    assertThat(outcome.status()).isEqualTo(200);
    assertThat(outcome.body().path("response").path("allowed").asBoolean()).isTrue();
    assertThat(context.lines("record-failed")).hasSize(1);
  }

  @Test
  void dockerHubWithoutTheTokenIsUnauthorizedAndNothingIsRead() {
    TestContext context = new TestContext("dockerhub");

    HttpOutcome wrong =
        new DockerHubFunction(() -> TestApps.app(azure))
            .handle(TestHttpRequest.dockerHub(PUSH, "guess"), context);
    HttpOutcome missing =
        new DockerHubFunction(() -> TestApps.app(azure))
            .handle(TestHttpRequest.dockerHub(PUSH, null), context);

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(missing.status()).isEqualTo(401);
    assertThat(azure.requests()).isEmpty();
    assertThat(context.text()).doesNotContain("guess").doesNotContain(TestApps.DOCKERHUB_TOKEN);
  }

  @Test
  void dockerHubReportsAreReadWithTheStorageToken() {
    new DockerHubFunction(() -> TestApps.app(azure))
        .handle(
            TestHttpRequest.dockerHub(PUSH, TestApps.DOCKERHUB_TOKEN),
            new TestContext("dockerhub"));

    assertThat(azure.requests())
        .filteredOn(r -> r.getUrl().startsWith("/blob/"))
        .hasSize(1)
        .allSatisfy(
            r -> {
              assertThat(r.getHeader("Authorization"))
                  .isEqualTo("Bearer " + FakeAzure.STORAGE_TOKEN);
              assertThat(r.getHeader("x-ms-version")).isEqualTo("2023-11-03");
            });
  }
}
