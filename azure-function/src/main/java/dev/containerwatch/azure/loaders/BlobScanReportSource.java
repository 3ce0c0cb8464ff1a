package dev.containerwatch.azure.loaders;

import dev.containerwatch.pipeline.Retry;
import dev.containerwatch.pipeline.RetryPolicy;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.ScanReportSource;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Scan reports in an Azure Blob Storage container, read with the Blob REST API ({@code Get Blob},
 * {@code x-ms-version} {@value #STORAGE_VERSION}) and an Entra ID token for {@code
 * https://storage.azure.com/.default} (the function's identity needs the Storage Blob Data Reader
 * role on the container). Blobs are named as {@link ReportLayout} says; a missing blob (404) means
 * no report yet.
 *
 * @see <a href="https://learn.microsoft.com/rest/api/storageservices/get-blob">Get Blob</a>
 */
public final class BlobScanReportSource implements ScanReportSource {
  static final String STORAGE_VERSION = "2023-11-03";
  public static final String SCOPE = "https://storage.azure.com/.default";
  private static final Set<Integer> RETRIED = Set.of(429, 500, 502, 503, 504);

  private final String containerUrl;
  private final TokenSource tokens;
  private final HttpClient http;
  private final RetryPolicy retryPolicy;
  private final Retry.Sleeper sleeper;
  private final Duration timeout;

  /**
   * @param containerUrl {@code https://<account>.blob.core.windows.net/<container>}, optionally
   *     with a folder prefix
   */
  public BlobScanReportSource(
      URI containerUrl,
      TokenSource tokens,
      HttpClient http,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper) {
    this(containerUrl, tokens, http, retryPolicy, sleeper, ArmRestClient.TIMEOUT);
  }

  /**
   * @param timeout how long one attempt waits for the answer before it is retried
   */
  public BlobScanReportSource(
      URI containerUrl,
      TokenSource tokens,
      HttpClient http,
      RetryPolicy retryPolicy,
      Retry.Sleeper sleeper,
      Duration timeout) {
    this.timeout = timeout;
    String url = containerUrl.toString();
    this.containerUrl = url.endsWith("/") ? url : url + "/";
    this.tokens = tokens;
    this.http = http;
    this.retryPolicy = retryPolicy;
    this.sleeper = sleeper;
  }

  @Override
  public Optional<VulnerabilityReport> find(ImageRef image) {
    for (String name : ReportLayout.names(image)) {
      Optional<String> text = download(name);
      if (text.isPresent()) {
        Optional<VulnerabilityReport> report = ReportLayout.read(text.get(), image, name);
        if (report.isPresent()) {
          return report;
        }
      }
    }
    return Optional.empty();
  }

  private Optional<String> download(String name) {
    URI uri = URI.create(containerUrl + ArmRestClient.encodePath(name));
    String what = "GET blob " + name;
    return Retry.call(
        what,
        retryPolicy,
        sleeper,
        () -> {
          HttpRequest request =
              HttpRequest.newBuilder(uri)
                  .timeout(timeout)
                  .header("Authorization", "Bearer " + tokens.bearerToken())
                  .header("x-ms-version", STORAGE_VERSION)
                  .GET()
                  .build();
          HttpResponse<String> response;
          try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
          } catch (IOException e) {
            throw new Retry.Retryable(e.getClass().getSimpleName(), null);
          }
          int status = response.statusCode();
          if (status == 200) {
            return Optional.of(response.body());
          }
          if (status == 404) {
            return Optional.<String>empty();
          }
          String code = response.headers().firstValue("x-ms-error-code").orElse("");
          if (RETRIED.contains(status)) {
            throw new Retry.Retryable(
                "HTTP " + status + " " + code, ArmRestClient.retryAfter(response));
          }
          throw new ArmException(what + ": HTTP " + status + " " + code, status, code);
        });
  }

  @Override
  public String toString() {
    return "blob container " + containerUrl;
  }
}
