package dev.containerwatch.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.model.Doc;
import dev.containerwatch.model.Evidence;
import dev.containerwatch.model.Lists;
import dev.containerwatch.model.ResourceType;
import dev.containerwatch.model.Snapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SnapshotReaderTest {
  private static final Path DIR = Path.of("src/test/resources/reader");
  private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

  private static List<Snapshot> read(String... files) throws IOException {
    SnapshotReader reader = new SnapshotReader(NOW);
    for (String f : files) {
      reader.add(f, Files.readAllBytes(DIR.resolve(f)));
    }
    return reader.snapshots();
  }

  @Test
  void childDocumentsInOtherFilesAreAttachedToTheirParentByArmIdIgnoringCase() throws IOException {
    List<Snapshot> snapshots =
        read("aks-with-children/diagnostic-settings.json", "aks-with-children/cluster.json");
    assertThat(snapshots)
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.type()).isEqualTo(ResourceType.AKS_CLUSTER);
              assertThat(s.resource().account()).isEqualTo("2f4a9c1e-7b3d-4e8a-9f21-0c5d6e7a8b9c");
              assertThat(s.resource().region()).isEqualTo("westeurope");
              assertThat(s.observedAt()).isEqualTo(NOW);
              assertThat(Lists.of(s.evidence(Evidence.DIAGNOSTIC_SETTINGS)))
                  .hasValueSatisfying(list -> assertThat(list).hasSize(1));
            });
  }

  @Test
  void eachSnapshotKnowsTheInputItsPrimaryDocumentCameFrom() throws IOException {
    SnapshotReader reader = new SnapshotReader(NOW);
    for (String f :
        List.of(
            "aks-with-children/diagnostic-settings.json",
            "aks-with-children/cluster.json",
            "two-registries.yaml")) {
      reader.add(f, Files.readAllBytes(DIR.resolve(f)));
    }
    List<Snapshot> snapshots = reader.snapshots();
    assertThat(snapshots).hasSize(3);
    assertThat(snapshots)
        .extracting(s -> reader.sourceOf(s.resource()).orElseThrow())
        .containsExactly(
            "aks-with-children/cluster.json", "two-registries.yaml", "two-registries.yaml");
  }

  @Test
  void armListResponsesGiveOneSnapshotPerItem() throws IOException {
    assertThat(read("pricings-list.json"))
        .extracting(s -> s.resource().name())
        .containsExactly("Containers", "VirtualMachines");
  }

  @Test
  void yamlStreamsGiveOneSnapshotPerDocument() throws IOException {
    assertThat(read("two-registries.yaml"))
        .extracting(s -> s.resource().name())
        .containsExactly("acmebuild", "acmescratch");
  }

  @Test
  void azCliFlattenedDocumentsAreNestedUnderProperties() throws IOException {
    Snapshot s = read("az-acr-show.json").get(0);
    Doc d = Doc.arm(s.document());
    assertThat(d.get("properties.networkRuleSet.defaultAction").text()).hasValue("Deny");
    assertThat(d.get("sku.name").text()).hasValue("Premium");
    assertThat(d.get("properties.sku").isAbsent()).isTrue();
  }

  @Test
  void awsCliOutputIsUnwrappedAndTheArnGivesAccountAndRegion() throws IOException {
    Snapshot s = read("eks-describe-cluster.json").get(0);
    assertThat(s.type()).isEqualTo(ResourceType.EKS_CLUSTER);
    assertThat(s.document().path("name").asText()).isEqualTo("payments-prod");
    assertThat(s.resource().account()).isEqualTo("493817260145");
    assertThat(s.resource().region()).isEqualTo("eu-west-1");
  }

  @Test
  void zonalGkeClustersAreNamedWithLocations() throws IOException {
    Snapshot s = read("gke-zonal.json").get(0);
    assertThat(s.resource().id())
        .isEqualTo(
            "//container.googleapis.com/projects/acme-ci-2207/locations/us-central1-a/clusters/ci-runners");
    assertThat(s.resource().account()).isEqualTo("acme-ci-2207");
  }

  @Test
  void bundlesCarryTheirEvidence() throws IOException {
    Snapshot s = read("bundle.yaml").get(0);
    assertThat(s.type()).isEqualTo(ResourceType.EKS_CLUSTER);
    assertThat(s.evidence(Evidence.ARC_CONNECTION))
        .hasValueSatisfying(arc -> assertThat(arc.get("connectedCluster").isNull()).isTrue());
    assertThat(s.evidence(Evidence.EXTENSIONS)).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "not-a-resource.json | not a recognised resource document",
        "scalar.json | expected a JSON object or list, got number",
        "truncated.json | not valid JSON or YAML: Unexpected end-of-input",
        "orphan-child.json | diagnosticSettings document belongs to /subscriptions/2f4a9c1e-7b3d-4e8a-9f21-0c5d6e7a8b9c/resourcegroups/rg-x/providers/microsoft.containerservice/managedclusters/gone, which is not among the inputs",
        "bundle-unknown-part.yaml | unknown evidence part 'arcConnection' (known: diagnosticSettings,",
        "gke-without-self-link.json | bundle 'resource' is not a recognised resource document",
        "arm-without-id.json | Microsoft.ContainerService/managedClusters document has no ARM 'id'",
        "alias.yaml | YAML aliases (*defaults) are not supported"
      })
  void badDocumentsGetOneLineNamingTheFileAndTheProblem(String file, String problem) {
    assertThatThrownBy(() -> read("invalid/" + file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("invalid/" + file + ": ")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
