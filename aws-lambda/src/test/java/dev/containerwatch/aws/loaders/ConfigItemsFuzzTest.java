package dev.containerwatch.aws.loaders;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.testing.Fuzzing;
import org.junit.jupiter.api.Timeout;

/**
 * AWS Config items of EKS clusters and ECR repositories, PascalCase and sometimes with the
 * configuration as a JSON string: any item is normalised into its canonical document, named, or
 * refused with one clear line. Seeded with the items of the Config samples (plain, oversized
 * summary, deleted).
 */
class ConfigItemsFuzzTest {
  static final AwsScope SCOPE = new AwsScope("418273645091", "eu-west-1");

  @Timeout(10)
  @FuzzTest
  void eksCluster(byte[] data) {
    JsonNode item = Fuzzing.json(data);
    if (item == null) {
      return;
    }
    Fuzzing.parser(
        () -> {
          JsonNode doc = ConfigItems.eksCluster(item, SCOPE);
          if (!doc.path("name").isTextual() || !doc.path("arn").isTextual()) {
            throw new AssertionError("EKS document without name or arn: " + doc);
          }
        });
  }

  @Timeout(10)
  @FuzzTest
  void ecrRepository(byte[] data) {
    JsonNode item = Fuzzing.json(data);
    if (item == null) {
      return;
    }
    Fuzzing.parser(
        () -> {
          JsonNode doc = ConfigItems.ecrRepository(item, SCOPE);
          if (!doc.path("repositoryName").isTextual() || !doc.has("policyText")) {
            throw new AssertionError("ECR document without name or policyText: " + doc);
          }
        });
  }
}
