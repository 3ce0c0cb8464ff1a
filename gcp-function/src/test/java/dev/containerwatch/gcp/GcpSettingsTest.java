package dev.containerwatch.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.gcp.loaders.GcpClients;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GcpSettingsTest {

  @Test
  void defaults() {
    GcpSettings s = GcpSettings.fromEnvironment(Map.of());
    assertThat(s.sccSource()).isNull();
    assertThat(s.transport()).isEqualTo(GcpClients.Transport.HTTP_JSON);
    assertThat(s.credentials()).isTrue();
    assertThat(s.containerEndpoint()).isNull();
    assertThat(s.containerAnalysisEndpoint()).isEqualTo("https://containeranalysis.googleapis.com");
    assertThat(s.storageEndpoint()).isEqualTo("https://storage.googleapis.com");
    assertThat(s.projects()).isEmpty();
  }

  @Test
  void values() {
    GcpSettings s =
        GcpSettings.fromEnvironment(
            Map.of(
                "CONTAINERWATCH_SCC_SOURCE",
                    "organizations/582019374625/sources/7241935786402716215",
                "CONTAINERWATCH_PROJECTS",
                    "nordwind-shop-prod, nordwind-payments-prod nordwind-shop-prod",
                "CONTAINERWATCH_GCP_TRANSPORT", "gRPC",
                "CONTAINERWATCH_SCAN_REPORTS", "gs://nordwind-scan-reports/reports",
                "CONTAINERWATCH_SCC_ENDPOINT",
                    "https://securitycenter.me-central2.rep.googleapis.com/"));
    assertThat(s.projects()).containsExactly("nordwind-shop-prod", "nordwind-payments-prod");
    assertThat(s.transport()).isEqualTo(GcpClients.Transport.GRPC);
    assertThat(s.sccEndpoint()).isEqualTo("https://securitycenter.me-central2.rep.googleapis.com");
  }

  @Test
  void everyProblemIsReportedAtOnceNamingItsVariable() {
    assertThatThrownBy(
            () ->
                GcpSettings.fromEnvironment(
                    Map.of(
                        "CONTAINERWATCH_SCC_SOURCE", "582019374625/7241935786402716215",
                        "CONTAINERWATCH_PROJECTS", "Nordwind_Shop",
                        "CONTAINERWATCH_GCP_TRANSPORT", "soap",
                        "CONTAINERWATCH_GCP_CREDENTIALS", "yes",
                        "CONTAINERWATCH_CONTAINER_ENDPOINT", "container.googleapis.com:443",
                        "CONTAINERWATCH_SCAN_REPORTS", "gs://X",
                        "CONTAINERWATCH_ADMISSION_CLUSTER", "checkout-usc1")))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("configuration: ")
        .hasMessageContaining(
            "CONTAINERWATCH_SCC_SOURCE: '582019374625/7241935786402716215' is not organizations/ORG/sources/SOURCE")
        .hasMessageContaining("CONTAINERWATCH_PROJECTS: 'Nordwind_Shop' is not a project id")
        .hasMessageContaining("CONTAINERWATCH_GCP_TRANSPORT: 'soap' is neither http nor grpc")
        .hasMessageContaining("CONTAINERWATCH_GCP_CREDENTIALS: 'yes' is neither default nor none")
        .hasMessageContaining(
            "CONTAINERWATCH_CONTAINER_ENDPOINT: 'container.googleapis.com:443' is not https://HOST[:PORT]")
        .hasMessageContaining("CONTAINERWATCH_SCAN_REPORTS: 'gs://X' is not gs://BUCKET[/PREFIX]")
        .hasMessageContaining(
            "CONTAINERWATCH_ADMISSION_CLUSTER: 'checkout-usc1' is not projects/P/locations/L/clusters/C");
  }

  @Test
  void aProjectLevelSourceNameIsAcceptedAsTheV1ApiBindsIt() {
    assertThat(
            GcpSettings.fromEnvironment(
                    Map.of(
                        "CONTAINERWATCH_SCC_SOURCE",
                        "projects/nordwind-secops/sources/7241935786402716215"))
                .sccSource())
        .isEqualTo("projects/nordwind-secops/sources/7241935786402716215");
  }
}
