package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.ScanReportSource;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Scan reports in a Cloud Storage bucket ({@code gs://bucket/prefix/}), laid out as {@link
 * ScanReportNames} says, read with the JSON API's media download ({@code GET
 * /storage/v1/b/BUCKET/o/OBJECT?alt=media}). The function's service account needs {@code
 * storage.objects.get} on the bucket ({@code roles/storage.objectViewer}).
 */
public final class GcsScanReportSource implements ScanReportSource {
  private final GoogleRest rest;
  private final String endpoint;
  private final String bucket;
  private final String prefix;

  /**
   * @param endpoint {@code https://storage.googleapis.com}
   * @param prefix the object name prefix, empty or ending with {@code /}
   */
  public GcsScanReportSource(GoogleRest rest, String endpoint, String bucket, String prefix) {
    this.rest = rest;
    this.endpoint =
        endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /** A source for {@code gs://bucket[/prefix]}. */
  public static GcsScanReportSource of(GoogleRest rest, String endpoint, String location) {
    if (!location.startsWith("gs://")) {
      throw new IllegalArgumentException("not a gs:// location: " + location);
    }
    String rest2 = location.substring("gs://".length());
    int slash = rest2.indexOf('/');
    String bucket = slash < 0 ? rest2 : rest2.substring(0, slash);
    String prefix = slash < 0 ? "" : rest2.substring(slash + 1);
    if (!prefix.isEmpty() && !prefix.endsWith("/")) {
      prefix = prefix + "/";
    }
    return new GcsScanReportSource(rest, endpoint, bucket, prefix);
  }

  @Override
  public Optional<VulnerabilityReport> find(ImageRef image) {
    for (String name : ScanReportNames.candidates(image)) {
      String object = prefix + name;
      URI uri =
          URI.create(
              endpoint
                  + "/storage/v1/b/"
                  + bucket
                  + "/o/"
                  + URLEncoder.encode(object, StandardCharsets.UTF_8).replace("+", "%20")
                  + "?alt=media");
      Optional<byte[]> body = rest.get(uri, "Cloud Storage GET gs://" + bucket + "/" + object);
      if (body.isEmpty()) {
        continue;
      }
      JsonNode document;
      try {
        document = Json.read(body.get());
      } catch (IOException e) {
        throw new InvalidInputException(
            "scan report gs://" + bucket + "/" + object + " is not JSON");
      }
      Optional<VulnerabilityReport> report = ScanReportNames.reportOf(image, document);
      if (report.isPresent()) {
        return report;
      }
    }
    return Optional.empty();
  }
}
