package dev.containerwatch.cli;

import dev.containerwatch.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files named on the command line: files as given, directories walked for {@code .json}, {@code
 * .yaml} and {@code .yml} files (hidden files skipped), in a stable order.
 */
final class InputFiles {
  private InputFiles() {}

  static List<Path> expand(List<Path> paths) {
    List<Path> out = new ArrayList<>();
    for (Path p : paths) {
      if (Files.isRegularFile(p)) {
        out.add(p);
      } else if (Files.isDirectory(p)) {
        List<Path> found = walk(p);
        if (found.isEmpty()) {
          throw new InvalidInputException(p + ": no .json, .yaml or .yml files in this directory");
        }
        out.addAll(found);
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
          .filter(f -> !f.getFileName().toString().startsWith("."))
          .filter(InputFiles::isDocument)
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isDocument(Path f) {
    String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".json") || name.endsWith(".yaml") || name.endsWith(".yml");
  }

  static byte[] read(Path f) {
    try {
      return Files.readAllBytes(f);
    } catch (IOException e) {
      throw new InvalidInputException(f + ": cannot read: " + e.getClass().getSimpleName());
    }
  }
}
