package dev.containerwatch.vulnerabilities.dockerhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.Evaluation;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.engine.Status;
import dev.containerwatch.model.Snapshot;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.Vulnerability;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.VulnerabilitySeverity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DockerHubWebhookTest {
  private static final Path DIR = Path.of("src/test/resources/vulnerabilities/dockerhub");
  private static final String SECRET = "q7Vn2kXe9LmP4sRt8WcY";
  private final DockerHubWebhook webhook = new DockerHubWebhook(SECRET);

  private static byte[] body(String file) throws IOException {
    return Files.readAllBytes(DIR.resolve(file));
  }

  @Test
  void aPushWithTheSecretGivesTheImage() throws IOException {
    DockerHubPush push = webhook.accept(SECRET, body("push.json"));
    assertThat(push.image())
        .isEqualTo(new ImageRef("docker.io", "acmecorp/storefront", "4.2.0", null));
    assertThat(push.pushedAt()).isEqualTo(Instant.ofEpochSecond(1764403262));
    assertThat(push.pusher()).isEqualTo("acme-ci");
  }

  @Test
  void aWrongOrMissingTokenIsRejectedBeforeTheBodyIsRead() {
    assertThatThrownBy(() -> webhook.accept("wrong", new byte[] {1, 2, 3}))
        .isInstanceOf(DockerHubWebhook.Unauthenticated.class)
        .hasMessage("Docker Hub webhook: missing or wrong token");
    assertThatThrownBy(() -> webhook.accept(null, body("push.json")))
        .isInstanceOf(DockerHubWebhook.Unauthenticated.class);
  }

  @Test
  void withoutAConfiguredSecretEveryRequestIsRejected() {
    assertThatThrownBy(() -> new DockerHubWebhook(" ").accept("", body("push.json")))
        .isInstanceOf(DockerHubWebhook.Unauthenticated.class)
        .hasMessage("Docker Hub webhook: no shared secret is configured");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "no-tag.json | Docker Hub webhook: push_data.tag is missing or not a tag",
        "no-repo-name.json | Docker Hub webhook: repository.repo_name is missing or not namespace/name",
        "array.json | Docker Hub webhook: body is not a JSON object",
        "form-encoded.txt | Docker Hub webhook: body is not JSON"
      })
  void malformedPayloadsAreRejected(String file, String message) {
    assertThatThrownBy(() -> webhook.accept(SECRET, body(file)))
        .isInstanceOf(InvalidInputException.class)
        .isNotInstanceOf(DockerHubWebhook.Unauthenticated.class)
        .hasMessage(message);
  }

  @Test
  void anOversizedBodyIsRejected() {
    assertThatThrownBy(() -> webhook.accept(SECRET, new byte[DockerHubWebhook.MAX_BODY_BYTES + 1]))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("is over");
  }

  private static List<Evaluation> evaluate(Snapshot s) {
    return new RuleEngine(
            Rules.all(), new ConfigurationLoader(Catalog.bundled(), Rules.all()).defaults())
        .evaluate(s);
  }

  @Test
  void aPushWithoutAScanResultIsPendingAndTheResultUpdatesTheSameFinding() throws IOException {
    DockerHubPush push = webhook.accept(SECRET, body("push.json"));
    Instant now = Instant.parse("2026-11-29T12:00:00Z");

    Snapshot pending = DockerHubPushes.snapshot(push, image -> Optional.empty(), now);
    assertThat(evaluate(pending))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.ruleId()).isEqualTo("dockerhub.image-vulnerability-findings");
              assertThat(e.status()).isEqualTo(Status.UNKNOWN);
              assertThat(e.reason()).startsWith("scan pending: no scan result of the pushed image");
            });

    VulnerabilityReport scanned =
        VulnerabilityReport.complete(
            push.image().withDigest("sha256:" + "ab".repeat(32)),
            Scanner.TRIVY,
            now,
            List.of(
                new Vulnerability(
                    "CVE-2024-45491",
                    VulnerabilitySeverity.CRITICAL,
                    9.8,
                    "libexpat1",
                    "2.5.0-1",
                    "2.5.0-1+deb12u1")));
    Snapshot done = DockerHubPushes.snapshot(push, image -> Optional.of(scanned), now);
    assertThat(evaluate(done))
        .singleElement()
        .satisfies(e -> assertThat(e.status()).isEqualTo(Status.FAILED));
    assertThat(done.resource().id())
        .isEqualTo(pending.resource().id())
        .isEqualTo("docker.io/acmecorp/storefront:4.2.0");
    assertThat(new ObjectMapper().writeValueAsString(done.document())).contains("CVE-2024-45491");
  }
}
