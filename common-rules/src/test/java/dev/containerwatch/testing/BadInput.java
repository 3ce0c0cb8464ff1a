package dev.containerwatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The bad-input corpus: {@code src/test/resources/bad-input/<area>/<name>}, each input with the one
 * error it must give in {@code <name>.error}. Inputs too large to commit (10 MB payloads, 1 MB
 * strings, nesting 10,000 levels deep) are made here at run time; their {@code .error} files are
 * committed like the others.
 *
 * <p>An {@code .error} file holds the exact one-line message the input gives when it is read under
 * its own file name; a message that ends with {@code *} is a prefix. Run the area tests with {@code
 * -Dbad-input.update=true} to write the files of new inputs, then review them.
 */
public final class BadInput {
  /** One input and the error it must give. */
  public record Case(String area, String name, Path file, Supplier<byte[]> generator, Path error) {
    /** The input's bytes. */
    public byte[] content() {
      if (generator != null) {
        return generator.get();
      }
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The input as a file: the corpus file itself, or the generated content written to dir. */
    public Path fileIn(Path dir) {
      if (generator == null) {
        return file;
      }
      try {
        Path out = dir.resolve(name);
        Files.write(out, generator.get());
        return out;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The expected message, or null when the .error file is not written yet. */
    public String expected() {
      try {
        return Files.exists(error) ? Files.readString(error, StandardCharsets.UTF_8).strip() : null;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** The expected message when the input is named {@code source} rather than its file name. */
    public String expectedAs(String source) {
      String expected = expected();
      int at = expected == null ? -1 : expected.indexOf(name);
      return at < 0
          ? expected
          : expected.substring(0, at) + source + expected.substring(at + name.length());
    }

    @Override
    public String toString() {
      return area + "/" + name;
    }
  }

  private static final int MB = 1_000_000;

  /** The generated inputs of each area, by name. */
  private static final Map<String, Map<String, Supplier<byte[]>>> GENERATED = new LinkedHashMap<>();

  static {
    Map<String, Supplier<byte[]>> reader = new LinkedHashMap<>();
    reader.put("generated-10mb-truncated.json", () -> truncatedList(10 * MB));
    reader.put(
        "generated-over-size-limit.json",
        () -> padded("{\"kind\": \"ConfigMap\"}", 32 * 1024 * 1024 + 1));
    reader.put(
        "generated-1mb-string.json",
        () ->
            utf8(
                "{\"apiVersion\": \"example.com/v1\", \"kind\": \""
                    + "W".repeat(MB)
                    + "\", \"metadata\": {\"name\": \"w\"}}"));
    reader.put("generated-nesting-10000.json", () -> utf8(nestedJson(10_000)));
    reader.put("generated-nesting-10000.yaml", () -> utf8(nestedYaml(10_000)));
    GENERATED.put("reader", reader);

    Map<String, Supplier<byte[]>> reports = new LinkedHashMap<>();
    reports.put(
        "generated-1mb-string.json",
        () ->
            utf8(
                "{\"kind\": \"ImageVulnerabilityReport\", \"image\": {\"registry\": \"docker.io\","
                    + " \"repository\": \"library/nginx\"}, \"scanner\": \""
                    + "s".repeat(MB)
                    + "\", \"state\": \"COMPLETE\", \"vulnerabilities\": []}"));
    GENERATED.put("reports", reports);

    Map<String, Supplier<byte[]>> config = new LinkedHashMap<>();
    config.put("generated-10mb.yaml", () -> padded("rules: {}", 10 * MB));
    config.put(
        "generated-1mb-string.yaml",
        () ->
            utf8(
                "rules:\n  k8s.no-privileged-containers:\n    effect: \""
                    + "d".repeat(MB)
                    + "\"\n"));
    config.put("generated-nesting-10000.json", () -> utf8(nestedJson(10_000)));
    config.put("generated-nesting-10000.yaml", () -> utf8(nestedYaml(10_000)));
    GENERATED.put("config", config);

    Map<String, Supplier<byte[]>> admission = new LinkedHashMap<>();
    admission.put(
        "generated-1mb-string.json",
        () ->
            utf8(
                "{\"apiVersion\": \""
                    + "a".repeat(MB)
                    + "\", \"kind\": \"AdmissionReview\", \"request\": {\"uid\": \"1\"}}"));
    GENERATED.put("admission", admission);

    Map<String, Supplier<byte[]>> audit = new LinkedHashMap<>();
    audit.put("generated-10mb-truncated.jsonl", () -> truncatedAuditLines(10 * MB));
    audit.put(
        "generated-1mb-string.jsonl",
        () ->
            utf8(
                "{\"kind\": \"Event\", \"apiVersion\": \"audit.k8s.io/v1\", \"auditID\": \"a1\","
                    + " \"stage\": \"ResponseComplete\", \"verb\": \""
                    + "v".repeat(MB)
                    + "\"}\n"));
    audit.put("generated-nesting-10000.json", () -> utf8(nestedJson(10_000)));
    GENERATED.put("audit", audit);

    Map<String, Supplier<byte[]>> dockerhub = new LinkedHashMap<>();
    dockerhub.put("generated-10mb.json", () -> padded("{\"push_data\": {}}", 10 * MB));
    dockerhub.put(
        "generated-1mb-string.json",
        () ->
            utf8(
                "{\"push_data\": {\"tag\": \"1\"}, \"repository\": {\"repo_name\": \"shop/"
                    + "w".repeat(MB)
                    + "\"}}"));
    // Arrays: 10,000 levels of them fit in the webhook's size limit.
    dockerhub.put(
        "generated-nesting-10000.json", () -> utf8("[".repeat(10_000) + "]".repeat(10_000)));
    GENERATED.put("dockerhub", dockerhub);

    Map<String, Supplier<byte[]>> imageRef = new LinkedHashMap<>();
    imageRef.put(
        "generated-1mb-string.txt", () -> utf8("nginx@sha256:" + "0123456789".repeat(MB / 10)));
    GENERATED.put("image-ref", imageRef);
  }

  private BadInput() {}

  /** The corpus folder, from this module or from a sibling module. */
  public static Path root() {
    for (Path p :
        List.of(
            Path.of("src/test/resources/bad-input"),
            Path.of("../common-rules/src/test/resources/bad-input"))) {
      if (Files.isDirectory(p)) {
        return p;
      }
    }
    throw new IllegalStateException("bad-input corpus not found");
  }

  /** Every case of an area: its files, then its generated inputs, each in name order. */
  public static List<Case> cases(String area) {
    Path dir = root().resolve(area);
    List<Case> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f :
          files
              .filter(Files::isRegularFile)
              .filter(f -> !f.getFileName().toString().endsWith(".error"))
              .sorted()
              .toList()) {
        String name = f.getFileName().toString();
        out.add(new Case(area, name, f, null, dir.resolve(name + ".error")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    GENERATED
        .getOrDefault(area, Map.of())
        .forEach(
            (name, generator) ->
                out.add(new Case(area, name, null, generator, dir.resolve(name + ".error"))));
    return out;
  }

  /** The .error files of an area that belong to no input: a renamed or deleted case. */
  public static List<String> orphanErrors(String area) {
    List<String> names = cases(area).stream().map(c -> c.name() + ".error").toList();
    try (Stream<Path> files = Files.list(root().resolve(area))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(".error") && !names.contains(n))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A JSON document followed by spaces up to the size. */
  private static byte[] padded(String json, int size) {
    byte[] out = new byte[size];
    byte[] head = utf8(json);
    java.util.Arrays.fill(out, (byte) ' ');
    System.arraycopy(head, 0, out, 0, head.length);
    return out;
  }

  /** A JSON list of ConfigMaps of at least the size, cut off inside its last item. */
  private static byte[] truncatedList(int size) {
    String item =
        "{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"settings\","
            + " \"namespace\": \"shop\"}, \"data\": {\"key\": \""
            + "x".repeat(1000)
            + "\"}},\n";
    StringBuilder out = new StringBuilder(size + item.length()).append("[\n");
    while (out.length() < size) {
      out.append(item);
    }
    return utf8(out.substring(0, out.length() - 20));
  }

  /** Audit events one per line, of at least the size, the last line cut off. */
  private static byte[] truncatedAuditLines(int size) {
    String line =
        "{\"kind\": \"Event\", \"apiVersion\": \"audit.k8s.io/v1\", \"auditID\": \"a1\", \"stage\":"
            + " \"ResponseComplete\", \"verb\": \"get\", \"requestURI\": \"/api/v1/namespaces/shop/"
            + "x".repeat(1000)
            + "\"}\n";
    StringBuilder out = new StringBuilder(size + line.length());
    while (out.length() < size) {
      out.append(line);
    }
    return utf8(out.substring(0, out.length() - 20));
  }

  private static String nestedJson(int depth) {
    return "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth);
  }

  private static String nestedYaml(int depth) {
    return "a: " + "[".repeat(depth) + "]".repeat(depth) + "\n";
  }
}
