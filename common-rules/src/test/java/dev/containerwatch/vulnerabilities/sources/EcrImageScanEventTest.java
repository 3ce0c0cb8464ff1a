package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.containerwatch.InvalidInputException;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class EcrImageScanEventTest {
  private static final String FORMAT = "ecr-image-scan-event";

  @TestFactory
  Stream<DynamicTest> everyValidFixtureMatchesItsGoldenModel() {
    return SourceFixtures.valid(FORMAT).stream()
        .map(
            file ->
                DynamicTest.dynamicTest(
                    file.getFileName().toString(),
                    () ->
                        SourceFixtures.assertGolden(
                            file, EcrImageScanEvent.parse(SourceFixtures.read(file)))));
  }

  static Stream<Arguments> invalidFixtures() {
    String p = "ECR Image Scan event: ";
    return Stream.of(
        arguments(
            "count-not-a-number.json",
            p + "detail.finding-severity-counts.HIGH is not a count (\"5\")"),
        arguments("no-detail.json", p + "the event has no detail"),
        arguments("no-image-digest.json", p + "detail has no image-digest"),
        arguments("no-repository-name.json", p + "detail has no repository-name"),
        arguments(
            "other-detail-type.json",
            p + "the event has detail-type 'ECR Image Action', not 'ECR Image Scan'"),
        arguments("tags-not-an-array.json", p + "detail.image-tags is not an array"),
        arguments("time-not-a-date.json", p + "time '2026-03-02 09:41' is not a date"),
        arguments(
            "unknown-scan-status.json",
            p + "detail.scan-status 'SCANNING' is not an ECR scan status"),
        arguments(
            "unknown-severity.json",
            p + "detail.finding-severity-counts has an unknown severity 'TOTAL'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFixtures")
  void aMalformedEventIsRefusedWithOneLineNamingTheField(String file, String message) {
    Path path = SourceFixtures.ROOT.resolve(FORMAT).resolve("invalid").resolve(file);
    assertThatThrownBy(() -> EcrImageScanEvent.parse(SourceFixtures.read(path)))
        .isExactlyInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  @Test
  void everyInvalidFixtureHasItsExpectedMessage() {
    assertThat(SourceFixtures.invalid(FORMAT))
        .extracting(f -> f.getFileName().toString())
        .containsExactlyInAnyOrderElementsOf(
            invalidFixtures().map(a -> (String) a.get()[0]).toList());
  }

  @Test
  void acceptsItsOwnFormatOnly() {
    assertThat(SourceFixtures.valid(FORMAT))
        .allSatisfy(f -> assertThat(EcrImageScanEvent.accepts(SourceFixtures.read(f))).isTrue());
    assertThat(SourceFixtures.validOfOtherFormats(FORMAT))
        .isNotEmpty()
        .allSatisfy(f -> assertThat(EcrImageScanEvent.accepts(SourceFixtures.read(f))).isFalse());
  }

  @Test
  void theReportHasCountsAndNoList() {
    List<VulnerabilityReport> reports =
        EcrImageScanEvent.parse(SourceFixtures.read(FORMAT, "complete.json"));
    assertThat(reports).hasSize(1);
    VulnerabilityReport report = reports.get(0);
    assertThat(report.scanner()).isEqualTo(Scanner.ECR_BASIC);
    assertThat(report.state()).isEqualTo(ScanState.COMPLETE);
    assertThat(report.vulnerabilities()).isEmpty();
    assertThat(report.total()).isEqualTo(15);
    assertThat(report.image().tag()).isEqualTo("2.14.1");
    assertThat(report.scannedAt()).isEqualTo(Instant.parse("2026-03-02T09:41:29Z"));
  }

  @Test
  void anArrayOfEventsGivesOneReportEach() {
    assertThat(EcrImageScanEvent.parse(SourceFixtures.read(FORMAT, "events.json")))
        .extracting(r -> r.image().repository())
        .containsExactly("data/etl-runner", "data/etl-scheduler");
  }
}
