package dev.containerwatch.vulnerabilities.dockerhub;

import dev.containerwatch.model.Snapshot;
import dev.containerwatch.vulnerabilities.ScanReportSource;
import dev.containerwatch.vulnerabilities.ScanState;
import dev.containerwatch.vulnerabilities.Scanner;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a Docker Hub push into the snapshot the Docker Hub rule evaluates: the configured source's
 * report of the pushed image, or a pending one until the source has it.
 *
 * <p>Docker Hub sends no digest, so these findings are identified by {@code repository:tag}: the
 * pending finding of a push is the one its scan result later updates, and a tag pushed again
 * updates the same finding.
 */
public final class DockerHubPushes {
  private DockerHubPushes() {}

  public static Snapshot snapshot(DockerHubPush push, ScanReportSource source, Instant observedAt) {
    Optional<VulnerabilityReport> found = source.find(push.image());
    VulnerabilityReport report =
        found
            .map(
                r ->
                    new VulnerabilityReport(
                        push.image(),
                        r.scanner(),
                        r.scannedAt(),
                        r.state(),
                        r.stateReason(),
                        r.vulnerabilities(),
                        r.severityCounts()))
            .orElseGet(
                () ->
                    new VulnerabilityReport(
                        push.image(),
                        Scanner.NONE,
                        null,
                        ScanState.PENDING,
                        "no scan result of the pushed image in the configured source yet",
                        List.of(),
                        Map.of()));
    return report.snapshot(push.pushedAt() == null ? observedAt : push.pushedAt());
  }
}
