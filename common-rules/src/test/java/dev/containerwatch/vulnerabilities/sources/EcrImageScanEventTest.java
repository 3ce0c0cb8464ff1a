package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class EcrImageScanEventTest {
  private static final String FORMAT = "ecr-image-scan-event";

  private static final Map<String, String> INVALID =
      Map.of(
          "count-not-a-number.json", "detail.finding-severity-counts.HIGH is not a count (\"5\")",
          "no-detail.json", "the event has no detail",
          "no-image-digest.json", "detail has no image-digest",
          "no-repository-name.json", "detail has no repository-name",
          "other-detail-type.json",
              "the event has detail-type 'ECR Image Action', not 'ECR Image Scan'",
          "tags-not-an-array.json", "detail.image-tags is not an array",
          "time-not-a-date.json", "time '2026-03-02 09:41' is not a date",
          "unknown-scan-status.json", "detail.scan-status 'SCANNING' is not an ECR scan status",
          "unknown-severity.json",
              "detail.finding-severity-counts has an unknown severity 'TOTAL'");

  @TestFactory
  Stream<DynamicTest> everyValidFixtureMatchesItsGoldenModel() {
    return SourceFixtures.goldenTests(FORMAT, EcrImageScanEvent::parse);
  }

  @TestFactory
  Stream<DynamicTest> aMalformedEventIsRefusedWithOneLineNamingTheField() {
    return SourceFixtures.invalidTests(
        FORMAT, EcrImageScanEvent::parse, "ECR Image Scan event: ", INVALID);
  }

  @TestFactory
  Stream<DynamicTest> acceptsItsOwnFormatOnly() {
    return SourceFixtures.acceptsTests(FORMAT, EcrImageScanEvent::accepts);
  }

  @TestFactory
  Stream<DynamicTest> wrongTypesAnywhereGiveOnlyInvalidInput() {
    return SourceFixtures.robustnessTests(FORMAT, EcrImageScanEvent::parse);
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
