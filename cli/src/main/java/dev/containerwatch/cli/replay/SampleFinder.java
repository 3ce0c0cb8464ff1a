package dev.containerwatch.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.InvalidInputException;
import dev.containerwatch.documents.SnapshotReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Finds the samples named on the command line and says whose handler each is for.
 *
 * <p>A directory is walked for {@code .json}, {@code .jsonl}, {@code .yaml} and {@code .yml} files,
 * leaving out what sits next to samples: {@code <name>.expected.json}, {@code
 * <name>.response.json}, {@code <name>.config.yaml}, hidden files, and the {@code resources/} and
 * {@code payloads/} folders.
 *
 * <p>The source is the sample's folder, below {@code events-samples/} when the path goes through
 * it: the outermost of {@code aws}, {@code azure}, {@code gcp} ({@code azure/dockerhub/} holds
 * samples of the Azure function's Docker Hub webhook), else of {@code kubernetes}, {@code
 * dockerhub}. A file in no such folder is recognised by its content.
 */
public final class SampleFinder {
  /**
   * Folders that hold what samples need, not samples: {@code resources/}, and {@code payloads/}
   * (the decoded data of the GCP samples' Pub/Sub messages, for reading).
   */
  static final Set<String> AUXILIARY = Set.of("resources", "payloads");

  private static final List<String> SIDE_FILES =
      List.of(
          ".expected.json",
          ".response.json",
          ".config.yaml",
          ".config.yml",
          ".config.json",
          ".reason.txt");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SampleFinder() {}

  /**
   * @throws InvalidInputException when a path does not exist, or a directory holds no sample
   */
  public static List<Sample> find(List<Path> paths) {
    List<Sample> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isRegularFile(p)) {
        out.add(sample(p, p.toString().replace('\\', '/')));
      } else if (Files.isDirectory(p)) {
        List<Path> files = walk(p);
        if (files.isEmpty()) {
          throw new InvalidInputException(p + ": no samples in this directory");
        }
        for (Path f : files) {
          out.add(sample(f, p.relativize(f).toString().replace('\\', '/')));
        }
      } else {
        throw new InvalidInputException(p + ": no such file or directory");
      }
    }
    return out;
  }

  private static List<Path> walk(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(f -> isSample(dir.relativize(f)))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether a file found below a directory (its path relative to it) is a sample. */
  static boolean isSample(Path relative) {
    for (Path segment : relative) {
      String s = segment.toString();
      if (s.startsWith(".")) {
        return false;
      }
    }
    for (int i = 0; i < relative.getNameCount() - 1; i++) {
      if (AUXILIARY.contains(relative.getName(i).toString())) {
        return false;
      }
    }
    String name = relative.getFileName().toString().toLowerCase(Locale.ROOT);
    if (SIDE_FILES.stream().anyMatch(name::endsWith)) {
      return false;
    }
    return name.endsWith(".json")
        || name.endsWith(".jsonl")
        || name.endsWith(".yaml")
        || name.endsWith(".yml");
  }

  /** The sample of a file: its source from its folders, else from its content. */
  static Sample sample(Path file, String label) {
    Path dir = file.toAbsolutePath().normalize().getParent();
    List<Path> chain = new ArrayList<>();
    for (Path d = dir; d != null && d.getFileName() != null; d = d.getParent()) {
      chain.add(0, d);
    }
    int start = 0;
    for (int i = 0; i < chain.size(); i++) {
      if (chain.get(i).getFileName().toString().equals("events-samples")) {
        start = i + 1;
      }
    }
    int at = -1;
    for (boolean clouds : new boolean[] {true, false}) {
      for (int i = start; i < chain.size() && at < 0; i++) {
        Optional<Source> s = Source.ofFolder(chain.get(i).getFileName().toString());
        if (s.isPresent() && s.get().isCloud() == clouds) {
          at = i;
        }
      }
    }
    if (at >= 0) {
      Path root = chain.get(at);
      List<String> hints = new ArrayList<>();
      for (int i = at + 1; i < chain.size(); i++) {
        hints.add(chain.get(i).getFileName().toString());
      }
      Source source = Source.ofFolder(root.getFileName().toString()).orElseThrow();
      return new Sample(file, label, source, root, hints);
    }
    Source source =
        byContent(file)
            .orElseThrow(
                () ->
                    new InvalidInputException(
                        label
                            + ": cannot tell which handler this sample is for (put it in a folder"
                            + " named aws, azure, gcp, kubernetes or dockerhub)"));
    return new Sample(file, label, source, null, List.of());
  }

  /** The source a sample's content is for, when it tells. */
  static Optional<Source> byContent(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read: " + e.getClass().getSimpleName());
    }
    JsonNode json;
    try {
      json = JSON.readTree(text);
    } catch (IOException e) {
      json = null;
    }
    if (json == null) {
      // JSON lines (audit logs) or YAML manifests
      String first = text.strip().lines().findFirst().orElse("");
      try {
        JsonNode line = JSON.readTree(first);
        if (line != null && line.path("apiVersion").asText().startsWith("audit.k8s.io/")) {
          return Optional.of(Source.KUBERNETES);
        }
      } catch (IOException e) {
        // not JSON lines
      }
      try {
        List<JsonNode> docs =
            SnapshotReader.parse(file.toString(), text.getBytes(StandardCharsets.UTF_8));
        if (docs.stream().allMatch(SampleFinder::isKubernetes)) {
          return Optional.of(Source.KUBERNETES);
        }
      } catch (InvalidInputException e) {
        // neither
      }
      return Optional.empty();
    }
    JsonNode first = json.isArray() && json.size() > 0 ? json.get(0) : json;
    if (first.isTextual()) {
      return Optional.empty();
    }
    if (first.has("detail-type") || first.has("awslogs")) {
      return Optional.of(Source.AWS);
    }
    if (first.path("Records").path(0).path("eventSource").asText().startsWith("aws:")) {
      return Optional.of(Source.AWS);
    }
    if (first.has("push_data") && first.has("repository")) {
      return Optional.of(Source.DOCKERHUB);
    }
    String type = first.path("type").asText("");
    if (first.has("eventType") && first.has("subject")
        || first.has("specversion") && type.startsWith("Microsoft.")
        || first.has("records")) {
      return Optional.of(Source.AZURE);
    }
    if (first.has("specversion") && type.startsWith("google.")
        || first.path("message").has("data") && first.has("subscription")) {
      return Optional.of(Source.GCP);
    }
    if (isKubernetes(first) || first.path("kind").asText().equals("AdmissionReview")) {
      return Optional.of(Source.KUBERNETES);
    }
    return Optional.empty();
  }

  private static boolean isKubernetes(JsonNode doc) {
    return doc.isObject()
        && !doc.path("apiVersion").asText("").isEmpty()
        && !doc.path("kind").asText("").isEmpty();
  }
}
