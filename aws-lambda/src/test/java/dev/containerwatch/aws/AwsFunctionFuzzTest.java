package dev.containerwatch.aws;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.containerwatch.aws.loaders.AwsScope;
import dev.containerwatch.aws.loaders.EcrLoader;
import dev.containerwatch.aws.loaders.EksLoader;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.Rule;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.pipeline.FindingSink;
import dev.containerwatch.rules.Rules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * The whole function behind each handler, on any bytes: the SQS batch envelope (records, bodies),
 * EventBridge events and CloudWatch Logs payloads, through parsing, loading (from the sample
 * resources, so every kind of work reaches the rules), evaluation and writing (to a collector).
 * Since no load or write fails here, every input must end in an answer ({@code processed}, {@code
 * ignored} or {@code rejected} with one line; for SQS, no {@code batchItemFailures}) and nothing
 * may escape.
 */
class AwsFunctionFuzzTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Path RESOURCES = AwsTestbed.RESOURCES;
  static final AwsFunction FUNCTION = function();

  @Timeout(20)
  @FuzzTest
  void onEventBridge(byte[] data) {
    checkAnswer(FUNCTION.onEventBridge(data));
  }

  @Timeout(20)
  @FuzzTest
  void onCloudWatchLogs(byte[] data) {
    checkAnswer(FUNCTION.onCloudWatchLogs(data));
  }

  @Timeout(20)
  @FuzzTest
  void onSqs(byte[] data) {
    ObjectNode answer = FUNCTION.onSqs(data);
    if (!answer.path("batchItemFailures").isArray() || !answer.get("batchItemFailures").isEmpty()) {
      throw new AssertionError("nothing failed, yet the answer is " + answer);
    }
  }

  private static void checkAnswer(ObjectNode answer) {
    String outcome = answer.path("outcome").asText("");
    if (!Set.of("processed", "ignored", "rejected").contains(outcome)) {
      throw new AssertionError("answer without an outcome: " + answer);
    }
    if (outcome.equals("rejected")) {
      String reason = answer.path("reason").asText("");
      if (reason.isBlank() || reason.contains("\n") || reason.length() > 2000) {
        throw new AssertionError("rejection without one bounded line: " + answer);
      }
    }
  }

  static AwsFunction function() {
    Catalog catalog = Catalog.bundled();
    List<Rule> rules = Rules.all();
    Configuration configuration = new ConfigurationLoader(catalog, rules).fromEnvironment(Map.of());
    FindingSink collector =
        new FindingSink() {
          @Override
          public void write(List<Finding> findings) {}

          @Override
          public void resourceDeleted(ResourceRef resource, List<String> ruleIds, Instant time) {}

          @Override
          public String name() {
            return "collector";
          }
        };
    return new AwsFunction(
        catalog,
        new RuleEngine(rules, configuration),
        new SampleEks(),
        new SampleEcr(),
        List.of(collector),
        (scope, prefix) -> Set.of(),
        "eu-west-1",
        new Log(line -> {}));
  }

  static JsonNode read(String path) {
    try {
      return JSON.readTree(Files.readString(RESOURCES.resolve(path)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every cluster is orders-prod, with its node group and add-ons. */
  static final class SampleEks implements EksLoader {
    @Override
    public Optional<JsonNode> cluster(AwsScope scope, String name) {
      return Optional.of(read("eks/orders-prod.describe-cluster.json").path("cluster"));
    }

    @Override
    public JsonNode nodegroups(AwsScope scope, String cluster) {
      return JSON.createArrayNode()
          .add(read("eks/orders-prod.describe-nodegroup.orders-general.json").path("nodegroup"));
    }

    @Override
    public JsonNode addons(AwsScope scope, String cluster) {
      return JSON.createArrayNode()
          .add(read("eks/orders-prod.describe-addon.coredns.json").path("addon"));
    }

    @Override
    public List<String> clusterNames(AwsScope scope) {
      return List.of("orders-prod");
    }
  }

  /** Every repository is shop/web, every image its scanned one. */
  static final class SampleEcr implements EcrLoader {
    @Override
    public Optional<JsonNode> repository(AwsScope scope, String name) {
      ObjectNode repository =
          (ObjectNode) read("ecr/describe-repositories.shop-web.json").path("repositories").get(0);
      repository.put(
          "policyText",
          read("ecr/get-repository-policy.shop-web.json").path("policyText").asText());
      return Optional.of(repository);
    }

    @Override
    public List<JsonNode> repositories(AwsScope scope) {
      return List.of(repository(scope, "shop/web").orElseThrow());
    }

    @Override
    public ScanFindings imageScanFindings(AwsScope scope, String repository, String digest) {
      return new ScanFindings(
          ScanFindings.Result.FOUND, read("ecr/describe-image-scan-findings.shop-web.json"));
    }

    @Override
    public Optional<JsonNode> scanningConfiguration(AwsScope scope, String repository) {
      return Optional.of(
          read("ecr/scanning-configuration.shop-web.json").path("scanningConfigurations").get(0));
    }

    @Override
    public Optional<Set<String>> imageDigests(AwsScope scope, String repository) {
      return Optional.of(Set.of(AwsTestbed.WEB_DIGEST));
    }
  }
}
