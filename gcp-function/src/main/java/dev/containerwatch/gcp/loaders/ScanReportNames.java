package dev.containerwatch.gcp.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.sources.VulnerabilitySources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a scan report of an image is kept, in a folder or a bucket: a path made of the image's
 * normalised reference, so that CI can write it with nothing but the image name.
 *
 * <pre>
 * &lt;registry&gt;/&lt;repository&gt;/_digests/sha256-&lt;hex&gt;.json   by digest (looked up first)
 * &lt;registry&gt;/&lt;repository&gt;/_tags/&lt;tag&gt;.json               by tag
 * docker.io/library/nginx/_tags/1.27.json
 * </pre>
 *
 * A repository path component cannot start with {@code _}, so these names cannot collide with a
 * nested repository. A file holds any format {@link VulnerabilitySources} reads (Trivy or Grype
 * JSON, Artifact Analysis occurrences, the neutral {@code ImageVulnerabilityReport}).
 */
public final class ScanReportNames {
  private ScanReportNames() {}

  /** The names to look for, most precise first. */
  public static List<String> candidates(ImageRef image) {
    List<String> names = new ArrayList<>();
    String base = image.registry() + "/" + image.repository();
    if (image.digest() != null) {
      names.add(base + "/_digests/" + image.digest().replace(':', '-') + ".json");
    }
    names.add(base + "/_tags/" + (image.tag() == null ? "latest" : image.tag()) + ".json");
    return names;
  }

  /** The report of {@code image} in a scanner document, if the document has one of it. */
  public static Optional<VulnerabilityReport> reportOf(ImageRef image, JsonNode document) {
    return VulnerabilitySources.reportOf(
        image, VulnerabilitySources.read(document, null).orElse(List.of()));
  }
}
