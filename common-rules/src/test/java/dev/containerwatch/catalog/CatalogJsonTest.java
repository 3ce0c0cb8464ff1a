package dev.containerwatch.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/** The JSON catalog the build writes is the YAML source, value for value, and is what is read. */
class CatalogJsonTest {

  @Test
  void theBuildsJsonIsTheYamlDocument() throws Exception {
    try (InputStream json = Catalog.class.getResourceAsStream(Catalog.JSON_RESOURCE)) {
      assertThat(json).as("recommendations.json written by the build").isNotNull();
      assertThat(new ObjectMapper().readTree(json)).isEqualTo(Catalog.readYaml());
    }
  }

  @Test
  void theBundledCatalogReadsTheSameRecommendationsAsTheYaml() {
    Catalog fromYaml = Catalog.parse(Catalog.readYaml());
    assertThat(Catalog.bundled().version()).isEqualTo(fromYaml.version());
    assertThat(Catalog.bundled().all()).isEqualTo(fromYaml.all());
  }
}
