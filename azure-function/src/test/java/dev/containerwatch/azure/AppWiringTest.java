package dev.containerwatch.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.azure.testing.FakeAzure;
import dev.containerwatch.azure.testing.RecordingSleeper;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.azure.testing.TestApps;
import dev.containerwatch.azure.testing.TestContext;
import dev.containerwatch.engine.Status;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.webhook.WebhookSigner;
import dev.containerwatch.webhook.WebhookSink;
import dev.containerwatch.webhook.WebhookTarget;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Settings, the sinks a deployment gets, and start-up failures. */
class AppWiringTest {
  @RegisterExtension static final FakeAzure azure = new FakeAzure();

  @Test
  void theWebhookOfTheEnvironmentIsBuiltAtFirstUseAndAnUnusableOneIsNamed() {
    Map<String, String> env = new HashMap<>(TestApps.env(azure));
    env.put(
        "CONTAINERWATCH_WEBHOOK_URL",
        "http://hooks.contoso-payments.example/containerwatch?key=s3cr3t");
    TestContext context = new TestContext("eventgrid");
    AzureApp app = TestApps.app(env, new RecordingSleeper());

    assertThatThrownBy(
            () ->
                new EventGridFunction(() -> app)
                    .handle(
                        Samples.read(Samples.ROOT.resolve("eventgrid/aks-write-eventgrid.json")),
                        context))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("webhook");
    assertThat(context.lines("failed")).hasSize(1);
    assertThat(context.text()).doesNotContain("s3cr3t");
  }

  @Test
  void aWebhookSinkReceivesTheFindingsNextToDefender() throws Exception {
    azure
        .server()
        .stubFor(
            com.github.tomakehurst.wiremock.client.WireMock.post("/hooks/containerwatch")
                .willReturn(
                    com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(204)));
    WebhookSink webhook =
        new WebhookSink(
            WebhookTarget.of(azure.baseUrl() + "/hooks/containerwatch", true, false),
            new WebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"),
            EnumSet.of(Status.FAILED),
            HttpClient.newHttpClient(),
            Clock.fixed(TestApps.NOW, ZoneOffset.UTC),
            RetryPolicy.defaults(),
            new RecordingSleeper());
    AzureApp app = TestApps.app(TestApps.env(azure), new RecordingSleeper(), List.of(webhook));

    new EventGridFunction(() -> app)
        .handle(
            Samples.read(Samples.ROOT.resolve("eventgrid/aks-write-eventgrid.json")),
            new TestContext("eventgrid"));

    assertThat(app.pipeline().sinks())
        .extracting(FindingSink::name)
        .containsExactly("defender", "webhook");
    var posts =
        azure.requests().stream().filter(r -> r.getUrl().equals("/hooks/containerwatch")).toList();
    assertThat(posts).hasSize(1);
    assertThat(posts.get(0).getHeader("webhook-signature")).startsWith("v1,");
    var body = new ObjectMapper().readTree(posts.get(0).getBodyAsString());
    assertThat(body.path("data").path("findings"))
        .extracting(f -> f.path("ruleId").asText())
        .containsExactlyInAnyOrder("aks.azure-policy-addon", "aks.api-server-restricted-access");
    assertThat(azure.count("PUT", "/providers/Microsoft.Security/assessments/")).isEqualTo(5);
  }

  @Test
  void anAuditBatchWithoutWebhookNeverMakesTheHttpClient() throws Exception {
    Map<String, String> env = new HashMap<>(TestApps.env(azure));
    env.put("CONTAINERWATCH_DEFENDER_ASSESSMENTS", "false");
    env.remove(WebhookSink.ENV_URL);
    List<Finding> written = new ArrayList<>();
    AzureApp app =
        AzureApp.create(
            env,
            new AzureApp.Overrides(
                null, null, null, null, null, null, List.of(collector(written)), null));
    List<String> messages = new ArrayList<>();
    for (var message :
        new ObjectMapper()
            .readTree(Samples.read(Samples.ROOT.resolve("eventhub/kube-audit-batch.json")))) {
      messages.add(message.toString());
    }

    new AksAuditLogFunction(() -> app).handle(messages, new TestContext("aksAudit"));

    assertThat(written).isNotEmpty();
    assertThat(app.httpClientMade()).isFalse();
  }

  private static FindingSink collector(List<Finding> written) {
    return new FindingSink() {
      @Override
      public void write(List<Finding> findings) {
        written.addAll(findings);
      }

      @Override
      public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {}

      @Override
      public String name() {
        return "collector";
      }
    };
  }

  @Test
  void defenderAssessmentsCanBeTurnedOffForAWebhookOnlyDeployment() {
    Map<String, String> env = new HashMap<>(TestApps.env(azure));
    env.put("CONTAINERWATCH_DEFENDER_ASSESSMENTS", "false");

    AzureApp app = TestApps.app(env, new RecordingSleeper());
    new EventGridFunction(() -> app)
        .handle(
            Samples.read(Samples.ROOT.resolve("eventgrid/aks-write-eventgrid.json")),
            new TestContext("eventgrid"));

    assertThat(app.pipeline().sinks()).isEmpty();
    assertThat(azure.writes()).isEmpty();
  }

  @Test
  void everyWrongSettingIsNamedAtStartUp() {
    Map<String, String> env = new HashMap<>();
    env.put(
        "CONTAINERWATCH_SUBSCRIPTIONS", "8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916,prod-subscription");
    env.put("CONTAINERWATCH_ARM_ENDPOINT", "http://management.example.com");
    env.put("CONTAINERWATCH_ADMISSION_RECORD", "yes");

    assertThatThrownBy(() -> TestApps.app(env, new RecordingSleeper()))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining(
            "CONTAINERWATCH_SUBSCRIPTIONS: 'prod-subscription' is not a subscription id")
        .hasMessageContaining("CONTAINERWATCH_ARM_ENDPOINT: not an https URL")
        .hasMessageContaining("CONTAINERWATCH_ADMISSION_RECORD: expected true or false, got 'yes'");
  }

  @Test
  void aBadConfigurationFailsTheInvocationWithItsReasonLogged() {
    Map<String, String> env = new HashMap<>(TestApps.env(azure));
    env.put("CONTAINERWATCH_CONFIG", "rules:\n  aks.rbac:\n    enabled: yes-please\n");
    TestContext context = new TestContext("eventgrid");

    assertThatThrownBy(
            () ->
                new EventGridFunction(() -> TestApps.app(env, new RecordingSleeper()))
                    .handle("[]", context))
        .isInstanceOf(InvalidInputException.class);
    assertThat(context.lines("startup-failed")).hasSize(1);
    assertThat(context.lines("startup-failed").get(0).path("reason").asText()).contains("aks.rbac");
  }
}
