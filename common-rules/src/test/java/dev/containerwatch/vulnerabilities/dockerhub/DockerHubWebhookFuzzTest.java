package dev.containerwatch.vulnerabilities.dockerhub;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.containerwatch.testing.Fuzzing;
import dev.containerwatch.vulnerabilities.ImageRef;
import org.junit.jupiter.api.Timeout;

/**
 * The Docker Hub webhook accepts any authenticated body as a push or refuses it with one clear
 * line; an accepted push names an image that parses.
 */
class DockerHubWebhookFuzzTest {
  private static final String SECRET = "q7Vn2kXe9LmP4sRt8WcY";
  private static final DockerHubWebhook WEBHOOK = new DockerHubWebhook(SECRET);

  @Timeout(10)
  @FuzzTest
  void accept(byte[] body) {
    Fuzzing.parser(
        () -> {
          DockerHubPush push = WEBHOOK.accept(SECRET, body);
          ImageRef.parse(push.repository() + ":" + push.tag());
        });
  }
}
