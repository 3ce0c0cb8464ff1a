package dev.containerwatch.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.config.ConfigurationLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The EKS admission webhook behind a function URL: every sample event in {@code
 * events-samples/aws/admission/} gives its {@code <name>.response.json} with 200, every one in its
 * {@code rejected/} folder the status and error of its {@code <name>.expected.json}; the token
 * never reaches the log.
 */
class AdmissionHandlerTest {
  private static final Path SAMPLES = Path.of("..", "events-samples", "aws", "admission");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "4f9c2e7a1b6d8e3f0a5c9b2d7e1f4a6c";
  private static final String CLUSTER = "arn:aws:eks:eu-west-1:418273645091:cluster/orders-prod";

  private final List<String> logged = new ArrayList<>();

  private AdmissionHandler handler(Map<String, String> env) {
    return AdmissionHandler.fromEnvironment(env, new Log(logged::add));
  }

  private static Map<String, String> environment(Path sample) {
    Map<String, String> env = new HashMap<>();
    env.put(AdmissionHandler.ENV_TOKEN, TOKEN);
    env.put(AdmissionHandler.ENV_CLUSTERS, CLUSTER);
    String name = sample.getFileName().toString().replace(".json", "");
    Path config = sample.resolveSibling(name + ".config.yaml");
    if (Files.exists(config)) {
      env.put(ConfigurationLoader.ENV_FILE, config.toString());
    }
    return env;
  }

  static Stream<Path> samples() throws IOException {
    return Stream.concat(list(SAMPLES), list(SAMPLES.resolve("rejected")));
  }

  private static Stream<Path> list(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(p -> p.toString().endsWith(".json"))
          .filter(p -> !p.toString().endsWith(".expected.json"))
          .filter(p -> !p.toString().endsWith(".response.json"))
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void everySampleGivesItsExpectedAnswer(Path sample) throws IOException {
    JsonNode reply = handler(environment(sample)).handle(Files.readAllBytes(sample));

    String name = sample.getFileName().toString().replace(".json", "");
    JsonNode body = JSON.readTree(reply.path("body").asText());
    assertThat(reply.path("headers").path("content-type").asText()).isEqualTo("application/json");
    Path response = sample.resolveSibling(name + ".response.json");
    if (Files.exists(response)) {
      assertThat(reply.path("statusCode").asInt()).isEqualTo(200);
      assertThat(body).isEqualTo(JSON.readTree(response.toFile()));
    } else {
      // Rejected: the status and the error, as the expected answer gives them ("401: ...").
      JsonNode expected = JSON.readTree(sample.resolveSibling(name + ".expected.json").toFile());
      assertThat(expected.path("outcome").asText()).isEqualTo("rejected");
      assertThat(reply.path("statusCode").asInt() + ": " + body.path("error").asText())
          .isEqualTo(expected.path("reason").asText());
    }
    assertThat(logged).hasSize(1).noneMatch(line -> line.contains(TOKEN));
  }

  @Test
  void theReplyCarriesTheReviewsUidAndTheDenial() throws IOException {
    Path sample = SAMPLES.resolve("function-url-daemonset-host-pid-denied.json");
    JsonNode reply = handler(environment(sample)).handle(Files.readAllBytes(sample));

    JsonNode review = JSON.readTree(reply.path("body").asText());
    JsonNode request =
        JSON.readTree(
            Files.readAllBytes(
                Path.of("..", "events-samples", "kubernetes", "admission")
                    .resolve("create-daemonset-host-pid-denied.json")));
    assertThat(review.path("response").path("uid")).isEqualTo(request.path("request").path("uid"));
    assertThat(review.path("response").path("allowed").asBoolean()).isFalse();
    assertThat(review.path("response").path("status").path("message").asText())
        .contains("k8s.host-namespaces");
  }

  @Test
  void withoutATokenEveryRequestIsRefusedNamingTheSetting() throws IOException {
    Map<String, String> env = environment(SAMPLES.resolve("function-url-create-debug-pod.json"));
    env.remove(AdmissionHandler.ENV_TOKEN);
    AdmissionHandler handler = handler(env);

    JsonNode reply =
        handler.handle(Files.readAllBytes(SAMPLES.resolve("function-url-create-debug-pod.json")));

    assertThat(reply.path("statusCode").asInt()).isEqualTo(500);
    assertThat(reply.path("body").asText()).contains("CONTAINERWATCH_ADMISSION_TOKEN is not set");
    assertThat(logged.get(0)).contains("admission webhook not configured");
  }

  @Test
  void aClusterThatIsNotAnEksArnIsASettingProblem() throws IOException {
    Map<String, String> env = environment(SAMPLES.resolve("function-url-create-debug-pod.json"));
    env.put(AdmissionHandler.ENV_CLUSTERS, CLUSTER + ",orders-prod");

    JsonNode reply =
        handler(env)
            .handle(Files.readAllBytes(SAMPLES.resolve("function-url-create-debug-pod.json")));

    assertThat(reply.path("statusCode").asInt()).isEqualTo(500);
    assertThat(reply.path("body").asText()).contains("every entry must be an EKS cluster ARN");
  }

  @Test
  void aBrokenEventIsA400NotACrash() {
    JsonNode reply =
        handler(environment(SAMPLES.resolve("x.json"))).handle("{\"body\":".getBytes());

    assertThat(reply.path("statusCode").asInt()).isEqualTo(400);
    assertThat(reply.path("body").asText()).contains("not a function URL event");
  }
}
