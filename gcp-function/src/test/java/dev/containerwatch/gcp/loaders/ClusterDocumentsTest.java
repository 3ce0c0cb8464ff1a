package dev.containerwatch.gcp.loaders;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.container.v1.Cluster;
import com.google.protobuf.util.JsonFormat;
import dev.containerwatch.documents.ResourceDocuments;
import dev.containerwatch.gcp.events.GkeNames;
import dev.containerwatch.model.ResourceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The protobuf {@code Cluster} the cluster manager client returns, back in the REST JSON form. */
class ClusterDocumentsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path CLUSTERS = findClusters();

  static Stream<Path> clusters() throws IOException {
    try (Stream<Path> s = Files.walk(CLUSTERS)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clusters")
  void theProtobufClusterPrintsAsTheRestJsonItCameFrom(Path file) throws IOException {
    String rest = Files.readString(file);
    Cluster.Builder proto = Cluster.newBuilder();
    JsonFormat.parser().merge(rest, proto);

    JsonNode printed = ClusterDocuments.toJson(proto.build());

    assertThat(printed).isEqualTo(JSON.readTree(rest));
    assertThat(ResourceDocuments.detect(printed)).contains(ResourceType.GKE_CLUSTER);
  }

  @Test
  void aDocumentWithoutSelfLinkGetsTheOneTheApiWouldGive() {
    var ref = GkeNames.cluster("projects/p-1234/zones/europe-west1-b/clusters/c1").orElseThrow();
    JsonNode doc = ClusterDocuments.withSelfLink(JSON.createObjectNode().put("name", "c1"), ref);

    assertThat(doc.path("selfLink").asText())
        .isEqualTo(
            "https://container.googleapis.com/v1/projects/p-1234/locations/europe-west1-b/clusters/c1");
    assertThat(ResourceDocuments.reference(ResourceType.GKE_CLUSTER, doc)).isEqualTo(ref);
  }

  @Test
  void aZonalSelfLinkNamesTheClusterWithLocations() throws IOException {
    JsonNode zonal =
        JSON.readTree(
            CLUSTERS
                .resolve("nordwind-shop-prod/locations/us-central1-c/clusters/legacy-batch.json")
                .toFile());
    assertThat(zonal.path("selfLink").asText()).contains("/zones/");
    assertThat(ResourceDocuments.reference(ResourceType.GKE_CLUSTER, zonal).id())
        .isEqualTo(
            "//container.googleapis.com/projects/nordwind-shop-prod/locations/us-central1-c/clusters/legacy-batch");
  }

  private static Path findClusters() {
    Path dir = Path.of("").toAbsolutePath();
    while (!Files.isDirectory(dir.resolve("events-samples/gcp"))) {
      dir = dir.getParent();
    }
    return dir.resolve("events-samples/gcp/resources/container/v1/projects");
  }
}
