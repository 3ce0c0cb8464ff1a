package dev.containerwatch.catalog;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step (common-rules' {@code process-classes}): writes the bundled {@code
 * recommendations.yaml} as {@code recommendations.json} into the classes directory, after checking
 * that it parses as a catalog. The functions read the JSON at start (see {@link Catalog}).
 *
 * <pre>
 * java -cp CLASSPATH dev.containerwatch.catalog.CatalogJson target/classes
 * </pre>
 */
public final class CatalogJson {
  private CatalogJson() {}

  public static void main(String[] args) throws IOException {
    var tree = Catalog.readYaml();
    Catalog.parse(tree);
    Path out = Path.of(args[0], Catalog.JSON_RESOURCE.substring(1));
    Files.createDirectories(out.getParent());
    Files.write(out, new ObjectMapper().writeValueAsBytes(tree));
  }
}
