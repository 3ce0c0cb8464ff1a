package dev.containerwatch.azure.testing;

import static dev.containerwatch.testing.Golden.assertMatches;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.findings.Finding;
import dev.containerwatch.findings.FindingJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** The sample events of {@code events-samples/azure/} and their golden files. */
public final class Samples {
  public static final Path ROOT = Path.of("..", "events-samples", "azure");
  public static final Path RESOURCES = ROOT.resolve("resources");
  public static final Path GOLDEN = Path.of("src", "test", "resources", "golden");

  private Samples() {}

  /** The samples of a folder: every {@code .json} that is not an expectation. */
  public static List<Path> in(String folder) {
    try (Stream<Path> files = Files.list(ROOT.resolve(folder))) {
      return files
          .filter(p -> p.getFileName().toString().endsWith(".json"))
          .filter(p -> !p.getFileName().toString().endsWith(".expected.json"))
          .filter(p -> !p.getFileName().toString().endsWith(".response.json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String name(Path sample) {
    String n = sample.getFileName().toString();
    return n.substring(0, n.length() - ".json".length());
  }

  /** {@code <name>.expected.json} next to the sample: the findings it must produce. */
  public static Path expected(Path sample) {
    return sample.resolveSibling(name(sample) + ".expected.json");
  }

  /** {@code <name>.response.json} next to the sample: an HTTP function's answer. */
  public static Path response(Path sample) {
    return sample.resolveSibling(name(sample) + ".response.json");
  }

  /** The golden store requests of a sample. */
  public static Path requests(Path sample) {
    return GOLDEN
        .resolve(sample.getParent().getFileName().toString())
        .resolve(name(sample) + ".requests.json");
  }

  /** {@code <name>.config.yaml} next to the sample, if any: the configuration it runs with. */
  public static Optional<String> config(Path sample) {
    Path config = sample.resolveSibling(name(sample) + ".config.yaml");
    return Files.exists(config) ? Optional.of(read(config)) : Optional.empty();
  }

  /** {@code <name>.reason.txt} of a rejected sample: what its log line must say. */
  public static String reason(Path sample) {
    return read(sample.resolveSibling(name(sample) + ".reason.txt")).strip();
  }

  /** The messages of an Event Hub sample (a JSON array), each as the trigger binds it. */
  public static List<String> messages(Path sample) {
    List<String> messages = new ArrayList<>();
    try {
      for (JsonNode m : new ObjectMapper().readTree(read(sample))) {
        messages.add(m.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return messages;
  }

  /**
   * The findings of a sample equal {@code <name>.expected.json}, and what the fake received the
   * golden store requests.
   */
  public static void assertGolden(Path sample, List<Finding> findings, FakeAzure azure)
      throws IOException {
    assertMatches(expected(sample), FindingJson.toJson(findings));
    Path requests = requests(sample);
    Files.createDirectories(requests.getParent());
    assertMatches(requests, azure.writes());
  }
}
