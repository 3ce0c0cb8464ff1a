package dev.containerwatch.azure.loaders;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.Json;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.VulnerabilityReport;
import dev.containerwatch.vulnerabilities.sources.VulnerabilitySources;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where a report source keeps an image's scan report, and how it is read. One file (or blob) per
 * image, in any format {@link VulnerabilitySources} recognises (Trivy, Grype JSON, the project's
 * own report form, ...), named after the image:
 *
 * <ul>
 *   <li>by digest: {@code <registry>/<repository>/sha256-<hex>.json} ({@code
 *       docker.io/acmecorp/storefront/sha256-9f86d0....json});
 *   <li>by tag: {@code <registry>/<repository>/<tag>.json} ({@code
 *       docker.io/acmecorp/storefront/4.2.0.json}).
 * </ul>
 *
 * The digest name is tried first when the reference has a digest; Docker Hub's webhook gives only
 * the tag. A CI job writes them, e.g. {@code trivy image -f json -o 4.2.0.json
 * acmecorp/storefront:4.2.0} then {@code az storage blob upload --name
 * docker.io/acmecorp/storefront/4.2.0.json}.
 */
public final class ReportLayout {

  private ReportLayout() {}

  /** The names to try, in order. */
  public static List<String> names(ImageRef image) {
    List<String> names = new ArrayList<>();
    String base = image.registry() + "/" + image.repository() + "/";
    if (image.digest() != null) {
      names.add(base + image.digest().replace(':', '-') + ".json");
    }
    if (image.tag() != null) {
      names.add(base + image.tag() + ".json");
    }
    return names;
  }

  /**
   * The report of {@code image} in a file's text: the report for the same repository, or the only
   * report the file holds.
   *
   * @throws InvalidInputException when the text is not a scanner report
   */
  public static Optional<VulnerabilityReport> read(String text, ImageRef image, String name) {
    JsonNode document;
    try {
      document = Json.read(text);
    } catch (JsonProcessingException e) {
      throw new InvalidInputException("scan report " + name + ": not valid JSON");
    }
    List<VulnerabilityReport> reports =
        VulnerabilitySources.read(document, null)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        "scan report " + name + ": not a format containerwatch reads"));
    return VulnerabilitySources.reportOf(image, reports);
  }
}
