package dev.containerwatch.azure.loaders;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.azure.testing.Samples;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.engine.Evaluation;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.engine.Status;
import dev.containerwatch.model.ResourceRef;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.Fuzzing;
import dev.containerwatch.vulnerabilities.ImageRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Timeout;

/**
 * What the loaders read from ARM answers: a resource's document, its evidence lists, Resource
 * Graph's sub-assessments and a Blob scan report, each as the body of a 200 response. Whatever the
 * body, the loader gives a snapshot the rules evaluate (a rule may only give UNKNOWN for unreadable
 * evidence), or refuses it with one clear line.
 */
class ArmResponsesFuzzTest {
  private static final Instant AT = Instant.parse("2026-11-29T15:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final RuleEngine ENGINE = new RuleEngine(Rules.all(), everyRuleOn());
  private static final String SUBSCRIPTION = "8d3c0f52-6a1e-4b7d-9e24-51c7a3f0b916";
  private static final String RG = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/";
  private static final List<ResourceRef> ARM_RESOURCES =
      List.of(
          ref(
              ResourceType.AKS_CLUSTER,
              RG
                  + "rg-payments-prod/providers/Microsoft.ContainerService/managedClusters/aks-shop-prod"),
          ref(
              ResourceType.ACR_REGISTRY,
              RG + "rg-registries/providers/Microsoft.ContainerRegistry/registries/shopbuild"),
          ref(
              ResourceType.ARC_CLUSTER,
              RG + "rg-arc/providers/Microsoft.Kubernetes/connectedClusters/eks-arc-checkout"),
          ref(
              ResourceType.DEFENDER_PLAN,
              "/subscriptions/"
                  + SUBSCRIPTION
                  + "/providers/Microsoft.Security/pricings/Containers"),
          ref(
              ResourceType.SECURITY_CONNECTOR,
              RG + "rg-connectors/providers/Microsoft.Security/securityConnectors/aws-prod"));
  private static final List<String> SAMPLE_DOCUMENTS =
      List.of("aks-shop-prod.json", "acr-shopbuild.json", "arc-eks-arc-checkout.json");
  private static final ImageRef LEDGER =
      ImageRef.parse(
          "shopbuild.azurecr.io/payments/ledger:3.8.0@sha256:91e1282d1e6751de96ce4edfa0b7d4ebbc0dc152e82643c0a71f7d5dc05ae7bf");

  private static Configuration everyRuleOn() {
    String rules =
        Rules.all().stream()
            .map(r -> "\"" + r.id() + "\": {\"enabled\": true}")
            .collect(Collectors.joining(", "));
    return new ConfigurationLoader(Catalog.bundled(), Rules.all())
        .parse("{\"rules\": {" + rules + "}}", "every rule on");
  }

  private static ResourceRef ref(ResourceType type, String id) {
    return new ResourceRef(type, id, SUBSCRIPTION, null, id.substring(id.lastIndexOf('/') + 1));
  }

  /** An ARM GET's body as a resource of each type the loaders read, with no evidence. */
  @Timeout(10)
  @FuzzTest
  void resourceDocument(byte[] data) {
    JsonNode document = Fuzzing.json(data);
    if (document == null) {
      return; // not JSON: the client refuses it before any loader reads it
    }
    ArmResourceLoader loader = new ArmResourceLoader(new AnsweringArm(List.of(), null));
    for (ResourceRef resource : ARM_RESOURCES) {
      Fuzzing.parser(() -> evaluate(loader.withEvidence(resource, document, AT)));
    }
  }

  /** An evidence list's page ({@code value}) next to the sample documents of its resources. */
  @Timeout(10)
  @FuzzTest
  void evidenceList(byte[] data) {
    JsonNode page = Fuzzing.json(data);
    if (page == null) {
      return;
    }
    List<JsonNode> items = new ArrayList<>();
    page.path("value").forEach(items::add);
    ArmResourceLoader loader = new ArmResourceLoader(new AnsweringArm(items, null));
    for (int i = 0; i < SAMPLE_DOCUMENTS.size(); i++) {
      ResourceRef resource = ARM_RESOURCES.get(i);
      JsonNode document = sample(SAMPLE_DOCUMENTS.get(i));
      Fuzzing.parser(() -> evaluate(loader.withEvidence(resource, document, AT)));
    }
  }

  /** Resource Graph's answer to the sub-assessment query of a pushed image. */
  @Timeout(10)
  @FuzzTest
  void resourceGraphResponse(byte[] data) {
    JsonNode answer = Fuzzing.json(data);
    if (answer == null) {
      return;
    }
    DefenderImageReports reports = new DefenderImageReports(new AnsweringArm(List.of(), answer));
    Fuzzing.parser(
        () ->
            reports
                .find(LEDGER, ARM_RESOURCES.get(1).id())
                .ifPresent(r -> evaluate(new Loaded(r.snapshot(AT), List.of()))));
  }

  /** A scan report blob (any format the project reads), for the image it is named after. */
  @Timeout(10)
  @FuzzTest
  void scanReportBlob(byte[] data) {
    String text = new String(data, StandardCharsets.UTF_8);
    ImageRef image = ImageRef.parse("docker.io/acmecorp/storefront:4.2.0");
    Fuzzing.parser(
        () ->
            ReportLayout.read(text, image, "docker.io/acmecorp/storefront/4.2.0.json")
                .ifPresent(r -> evaluate(new Loaded(r.snapshot(AT), List.of()))));
  }

  private static void evaluate(Loaded loaded) {
    for (Evaluation e : ENGINE.evaluate(loaded.snapshot())) {
      if (e.status() == null || e.reason() == null) {
        throw new AssertionError("evaluation without a status or a reason: " + e);
      }
      if (e.reason().startsWith("rule failed: ")
          && (e.status() != Status.UNKNOWN
              || !e.reason().startsWith("rule failed: InvalidInputException"))) {
        throw new AssertionError("rule " + e.ruleId() + " failed: " + e.reason());
      }
    }
  }

  private static JsonNode sample(String name) {
    try {
      return JSON.readTree(Samples.RESOURCES.resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** ARM answering every list with the same items and every POST with the same body. */
  private record AnsweringArm(List<JsonNode> listItems, JsonNode postAnswer) implements ArmClient {
    @Override
    public Optional<JsonNode> get(String path, String apiVersion) {
      return Optional.empty();
    }

    @Override
    public List<JsonNode> list(String path, String apiVersion) {
      return listItems;
    }

    @Override
    public JsonNode put(String path, String apiVersion, JsonNode body) {
      throw new UnsupportedOperationException("loaders do not write");
    }

    @Override
    public boolean delete(String path, String apiVersion) {
      throw new UnsupportedOperationException("loaders do not write");
    }

    @Override
    public JsonNode post(String path, String apiVersion, JsonNode body) {
      return postAnswer;
    }
  }
}
