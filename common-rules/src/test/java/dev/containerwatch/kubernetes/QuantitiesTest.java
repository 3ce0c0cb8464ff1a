package dev.containerwatch.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.math.BigDecimal;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private static Optional<BigDecimal> cpu(String s) {
    return Quantities.cpuMillicores(s);
  }

  private static Optional<BigDecimal> memory(String s) {
    return Quantities.memoryMilliBytes(s);
  }

  private static void assertValue(Optional<BigDecimal> actual, String expected) {
    assertThat(actual).isPresent();
    assertThat(actual.get()).isEqualByComparingTo(expected);
  }

  @ParameterizedTest(name = "cpu \"{0}\" = {1} millicores")
  @CsvSource({
    "2, 2000",
    "32, 32000",
    "0.5, 500",
    "0.25, 250",
    "1.5, 1500",
    "500m, 500",
    "100m, 100",
    "2000m, 2000",
    "0.5m, 0.5",
    // The template reads what precedes m with to_number (Go ParseFloat): exponents, signs, ".5".
    "1e3m, 1000",
    "-100m, -100",
    "+250m, 250",
    ".5m, 0.5",
    "5.m, 5",
    // Every m is removed, not only the suffix.
    "5mm, 5",
    "0, 0",
    "0m, 0"
  })
  void parsesCpuAsTheTemplateDoes(String text, String millicores) {
    assertValue(cpu(text), millicores);
  }

  @ParameterizedTest(name = "cpu \"{0}\" is not parsed")
  @ValueSource(
      strings = {
        "", "m", "two", "1e3", "+1", "-1", "1.", ".5", " 2", "2 ", "2\n", "1k", "1Gi", "500 m",
        "1,5", "0x1p4m", "Infm", "NaNm", "1e400m", "1.2.3m"
      })
  void rejectsWhatTheTemplateCannotParseAsCpu(String text) {
    assertThat(cpu(text)).isEmpty();
  }

  @Test
  void readsCpuNumbersAsCores() {
    assertValue(Quantities.cpuMillicores(NODES.numberNode(2)), "2000");
    assertValue(Quantities.cpuMillicores(NODES.numberNode(0.5)), "500");
    assertValue(Quantities.cpuMillicores(NODES.numberNode(0.1)), "100");
    assertValue(Quantities.cpuMillicores(NODES.textNode("250m")), "250");
    assertThat(Quantities.cpuMillicores(NODES.booleanNode(true))).isEmpty();
    assertThat(Quantities.cpuMillicores(NODES.nullNode())).isEmpty();
    assertThat(Quantities.cpuMillicores(NODES.objectNode())).isEmpty();
    assertThat(Quantities.cpuMillicores(NODES.numberNode(Double.NaN))).isEmpty();
    assertThat(Quantities.cpuMillicores((JsonNode) null)).isEmpty();
  }

  @ParameterizedTest(name = "memory \"{0}\" = {1} milli-bytes")
  @CsvSource({
    "128974848, 128974848000",
    "0, 0",
    "129M, 129000000000",
    "123Mi, 128974848000",
    "1.5Gi, 1610612736000",
    "64Gi, 68719476736000",
    "512Ki, 524288000",
    "2Ti, 2199023255552000",
    "1Pi, 1125899906842624000",
    "1Ei, 1152921504606846976000",
    "1k, 1000000",
    "1G, 1000000000000",
    "1T, 1000000000000000",
    "1P, 1000000000000000000",
    "1E, 1000000000000000000000",
    // Kubernetes accepts milli-bytes; 100m is a tenth of a byte.
    "100m, 100",
    "0.5, 500",
    "1.25M, 1250000000",
    // Every occurrence of the suffix is removed before the digits are read, as in the template.
    "1Mi2Mi, 12582912000"
  })
  void parsesMemoryAsTheTemplateDoes(String text, String milliBytes) {
    assertValue(memory(text), milliBytes);
  }

  @ParameterizedTest(name = "memory \"{0}\" is not parsed")
  @ValueSource(
      strings = {
        "",
        "Mi",
        "m",
        // Kubernetes reads 129e6 as 129M, but the template's digits pattern has no exponent.
        "129e6",
        "1e3",
        // K (upper case) and KB are not Kubernetes suffixes.
        "1K",
        "1KB",
        "1Gb",
        "1gi",
        "1mi",
        "-1Gi",
        "+1Gi",
        " 1Gi",
        "1 Gi",
        "1.Gi",
        ".5Gi",
        "lots",
        "1.5.2Gi",
        "1Gi\n"
      })
  void rejectsWhatTheTemplateCannotParseAsMemory(String text) {
    assertThat(memory(text)).isEmpty();
  }

  @Test
  void readsMemoryNumbersAsBytes() {
    assertValue(Quantities.memoryMilliBytes(NODES.numberNode(128974848)), "128974848000");
    assertValue(Quantities.memoryMilliBytes(NODES.numberNode(1.5)), "1500");
    assertThat(Quantities.memoryMilliBytes(NODES.booleanNode(false))).isEmpty();
    assertThat(Quantities.memoryMilliBytes(NODES.arrayNode())).isEmpty();
    assertThat(Quantities.memoryMilliBytes(NODES.numberNode(Double.POSITIVE_INFINITY))).isEmpty();
  }

  @Test
  void readsUnquotedYamlValuesLikeQuotedOnes() throws Exception {
    JsonNode limits = YAML.readTree("cpu: 0.5\nmemory: 128974848\nwhole: 2\n");
    assertValue(Quantities.cpuMillicores(limits.get("cpu")), "500");
    assertValue(Quantities.cpuMillicores(limits.get("whole")), "2000");
    assertValue(Quantities.memoryMilliBytes(limits.get("memory")), "128974848000");
  }

  @Test
  void comparesEqualQuantitiesWrittenDifferently() {
    assertThat(cpu("2").get()).isEqualByComparingTo(cpu("2000m").get());
    assertThat(cpu("0.5").get()).isEqualByComparingTo(cpu("500m").get());
    assertThat(memory("1Gi").get()).isEqualByComparingTo(memory("1024Mi").get());
    assertThat(memory("1G").get()).isEqualByComparingTo(memory("1000M").get());
    assertThat(memory("1Mi").get()).isEqualByComparingTo(memory("1048576").get());
    assertThat(memory("1Gi").get()).isGreaterThan(memory("1G").get());
  }

  @Test
  void checksLimitParameters() {
    assertThat(Quantities.cpuLimitProblem(NODES.textNode("32"))).isNull();
    assertThat(Quantities.cpuLimitProblem(NODES.textNode("1500m"))).isNull();
    assertThat(Quantities.cpuLimitProblem(NODES.textNode("two cores")))
        .contains("'two cores' is not a CPU quantity");
    assertThat(Quantities.cpuLimitProblem(NODES.textNode("-1m"))).contains("must not be negative");
    assertThat(Quantities.memoryLimitProblem(NODES.textNode("64Gi"))).isNull();
    assertThat(Quantities.memoryLimitProblem(NODES.textNode("64GB")))
        .contains("'64GB' is not a memory quantity");
    assertThat(Quantities.memoryLimitProblem(NODES.textNode(""))).contains("not a memory quantity");
  }
}
