package dev.containerwatch.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The function app the Azure Functions Maven plugin staged in {@code package}: one function.json
 * per function with the bindings the annotations declare, host.json with the extension bundle (so
 * that no Core Tools install is needed), and the dependencies in {@code lib/} without Netty or any
 * Azure SDK (tokens come over the JDK HTTP client).
 */
class PackagingIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path APP = Path.of("target", "azure-functions", "containerwatch");

  private static JsonNode read(String file) throws IOException {
    return JSON.readTree(APP.resolve(file).toFile());
  }

  private static JsonNode trigger(String function) throws IOException {
    JsonNode f = read(function + "/function.json");
    assertThat(f.path("scriptFile").asText()).matches("\\.\\./azure-function-.+\\.jar");
    return f.path("bindings").get(0);
  }

  @Test
  void everyFunctionHasItsTrigger() throws IOException {
    JsonNode eventGrid = trigger("containerwatch-eventgrid");
    assertThat(eventGrid.path("type").asText()).isEqualTo("eventGridTrigger");
    assertThat(eventGrid.path("dataType").asText()).isEqualTo("string");
    assertThat(read("containerwatch-eventgrid/function.json").path("entryPoint").asText())
        .isEqualTo("dev.containerwatch.azure.EventGridFunction.run");

    JsonNode eventHub = trigger("containerwatch-aks-audit");
    assertThat(eventHub.path("type").asText()).isEqualTo("eventHubTrigger");
    assertThat(eventHub.path("cardinality").asText()).isEqualTo("MANY");
    assertThat(eventHub.path("eventHubName").asText()).isEqualTo("%CONTAINERWATCH_EVENTHUB_NAME%");
    assertThat(eventHub.path("connection").asText()).isEqualTo("CONTAINERWATCH_EVENTHUB");
    assertThat(
            read("containerwatch-aks-audit/function.json").path("retry").path("strategy").asText())
        .isEqualTo("exponentialBackoff");

    JsonNode admission = trigger("containerwatch-admission");
    assertThat(admission.path("type").asText()).isEqualTo("httpTrigger");
    assertThat(admission.path("route").asText()).isEqualTo("admission");
    assertThat(admission.path("authLevel").asText()).isEqualTo("FUNCTION");

    JsonNode dockerHub = trigger("containerwatch-dockerhub");
    assertThat(dockerHub.path("route").asText()).isEqualTo("dockerhub");
    assertThat(dockerHub.path("authLevel").asText()).isEqualTo("ANONYMOUS");

    JsonNode timer = trigger("containerwatch-sweep");
    assertThat(timer.path("type").asText()).isEqualTo("timerTrigger");
    assertThat(timer.path("schedule").asText()).isEqualTo(SweepFunction.SCHEDULE);
  }

  @Test
  void hostJsonNamesTheExtensionBundle() throws IOException {
    JsonNode bundle = read("host.json").path("extensionBundle");
    assertThat(bundle.path("id").asText()).isEqualTo("Microsoft.Azure.Functions.ExtensionBundle");
    assertThat(bundle.path("version").asText()).isEqualTo("[4.*, 5.0.0)");
  }

  @Test
  void theLibrariesAreThereAndNoAzureSdk() throws IOException {
    try (Stream<Path> libs = Files.list(APP.resolve("lib"))) {
      List<String> names = libs.map(p -> p.getFileName().toString()).toList();
      assertThat(names)
          .anyMatch(n -> n.startsWith("common-rules-"))
          .anyMatch(n -> n.startsWith("azure-functions-java-library-"))
          .noneMatch(n -> n.contains("netty"))
          .noneMatch(n -> n.startsWith("azure-identity-") || n.startsWith("azure-core-"))
          .noneMatch(
              n -> n.startsWith("msal4j") || n.startsWith("reactor-") || n.startsWith("jna"));
    }
  }
}
