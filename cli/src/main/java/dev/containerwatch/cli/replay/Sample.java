package dev.containerwatch.cli.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One sample event to replay, and the files next to it.
 *
 * @param file the sample
 * @param label how output names it: its path below the directory given on the command line
 * @param source whose handler it is fed to
 * @param root the folder of its source ({@code events-samples/aws}), whose {@code resources/} holds
 *     what the local loaders serve; null for a file outside such a folder
 * @param hints the names of the folders between the root and the file ({@code rejected}, {@code
 *     eventgrid}): the kind of event where the content cannot tell
 */
public record Sample(Path file, String label, Source source, Path root, List<String> hints) {

  /** Samples under a {@code rejected/} folder must be rejected (or ignored) by their handler. */
  public boolean expectsRejection() {
    return hints.contains("rejected");
  }

  /** The file name without its extension: {@code config-eks-cluster}. */
  public String name() {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot < 0 ? n : n.substring(0, dot);
  }

  /** {@code <name><suffix>} next to the sample, when it exists. */
  public Optional<Path> sibling(String suffix) {
    Path p = file.resolveSibling(name() + suffix);
    return Files.isRegularFile(p) ? Optional.of(p) : Optional.empty();
  }

  /** {@code <root>/resources}, when the sample has a root. */
  public Optional<Path> resources() {
    if (root == null) {
      return Optional.empty();
    }
    Path r = root.resolve("resources");
    return Files.isDirectory(r) ? Optional.of(r) : Optional.empty();
  }

  /** The first hint among {@code kinds}, if any. */
  public Optional<String> hint(List<String> kinds) {
    return hints.stream().filter(kinds::contains).findFirst();
  }
}
