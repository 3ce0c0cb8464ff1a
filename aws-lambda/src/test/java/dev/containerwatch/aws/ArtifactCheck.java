package dev.containerwatch.aws;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;

/**
 * Run by the build after the shaded jar is made: prints its size and fails the build when it is
 * over budget, lacks a handler or the SDK's HTTP client registration, or carries an HTTP client the
 * module excludes (Apache, Netty).
 */
public final class ArtifactCheck {
  private ArtifactCheck() {}

  public static void main(String[] args) throws IOException {
    Path jar = Path.of(args[0]);
    long budget = Long.parseLong(args[1]);
    long size = Files.size(jar);
    System.out.printf(
        "[artifact] %s: %,d bytes (%.1f MB), budget %.1f MB%n",
        jar.getFileName(), size, size / 1048576.0, budget / 1048576.0);
    if (size > budget) {
      throw new IllegalStateException(
          "the Lambda artifact is over its budget: " + size + " > " + budget);
    }
    try (JarFile file = new JarFile(jar.toFile())) {
      for (String handler : List.of("EventBridgeHandler", "CloudWatchLogsHandler", "SqsHandler")) {
        require(file, "dev/containerwatch/aws/" + handler + ".class");
      }
      require(file, "dev/containerwatch/catalog/recommendations.yaml");
      ZipEntry services =
          require(file, "META-INF/services/software.amazon.awssdk.http.SdkHttpService");
      String registered =
          new String(file.getInputStream(services).readAllBytes(), StandardCharsets.UTF_8)
              .lines()
              .filter(l -> !l.isBlank() && !l.startsWith("#"))
              .reduce("", (a, b) -> a + b + "\n");
      if (!registered.contains("UrlConnectionSdkHttpService")
          || registered.contains("Apache")
          || registered.contains("Netty")) {
        throw new IllegalStateException("unexpected SDK HTTP services: " + registered.strip());
      }
      String manifest =
          file.getManifest() == null
              ? ""
              : String.valueOf(file.getManifest().getMainAttributes().getValue("Multi-Release"));
      if (!manifest.equals("true")) {
        throw new IllegalStateException("the manifest lacks Multi-Release: true");
      }
      long forbidden =
          file.stream()
              .map(ZipEntry::getName)
              .filter(
                  n ->
                      n.startsWith("org/apache/http")
                          || n.startsWith("io/netty")
                          || n.startsWith("org/apache/hc/"))
              .count();
      if (forbidden > 0) {
        throw new IllegalStateException(
            forbidden + " Apache/Netty HTTP client classes in the artifact");
      }
      System.out.printf(
          "[artifact] %d entries; handlers, catalog and url-connection-client present%n",
          file.size());
    }
  }

  private static ZipEntry require(JarFile file, String name) {
    ZipEntry entry = file.getEntry(name);
    if (entry == null) {
      throw new IllegalStateException("the Lambda artifact lacks " + name);
    }
    return entry;
  }
}
