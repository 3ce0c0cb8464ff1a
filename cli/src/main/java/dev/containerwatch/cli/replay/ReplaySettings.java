package dev.containerwatch.cli.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.containerwatch.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How the samples of one folder are replayed: {@code resources/replay.json} next to what the local
 * loaders serve. Every key is optional:
 *
 * <ul>
 *   <li>{@code clock}: the time of processing the handlers see (for samples whose findings are
 *       stamped with it: sweeps, admission requests, manifests); the real clock without it;
 *   <li>{@code environment}: the function's settings (app settings, environment variables), as the
 *       deployed function reads them; a value starting with {@code ./} is a path below {@code
 *       resources/};
 *   <li>{@code account}, {@code region}: the AWS function's own account (which writes Security Hub
 *       findings) and region;
 *   <li>{@code cluster}: the cluster Kubernetes samples belong to;
 *   <li>{@code scanReports}: the folder of scan reports of Docker Hub images ({@code ./...}).
 * </ul>
 */
public final class ReplaySettings {
  public static final String FILE = "replay.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final JsonNode json;
  private final Path resources;

  private ReplaySettings(JsonNode json, Path resources) {
    this.json = json;
    this.resources = resources;
  }

  /** The settings of a sample's folder; empty ones when it has none. */
  public static ReplaySettings of(Sample sample) {
    Optional<Path> resources = sample.resources();
    if (resources.isEmpty() || !Files.isRegularFile(resources.get().resolve(FILE))) {
      return new ReplaySettings(MissingNode.getInstance(), resources.orElse(null));
    }
    Path file = resources.get().resolve(FILE);
    try {
      JsonNode json = JSON.readTree(file.toFile());
      if (json == null || !json.isObject()) {
        throw new InvalidInputException(file + ": expected a JSON object");
      }
      return new ReplaySettings(json, resources.get());
    } catch (IOException e) {
      throw new InvalidInputException(file + ": not valid JSON");
    }
  }

  public Optional<String> text(String key) {
    JsonNode v = json.path(key);
    return v.isTextual() && !v.asText().isBlank() ? Optional.of(v.asText()) : Optional.empty();
  }

  /** The fixed clock of {@code clock}, or the real one. */
  public Clock clock() {
    Optional<String> at = text("clock");
    if (at.isEmpty()) {
      return Clock.systemUTC();
    }
    try {
      return Clock.fixed(Instant.parse(at.get()), ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new InvalidInputException(
          FILE + ": clock '" + at.get() + "' is not an instant (2026-11-29T15:00:00Z)");
    }
  }

  /** {@code environment}, with {@code ./} paths resolved below {@code resources/}. */
  public Map<String, String> environment() {
    Map<String, String> env = new LinkedHashMap<>();
    json.path("environment")
        .properties()
        .forEach(e -> env.put(e.getKey(), resolve(e.getValue().asText())));
    return env;
  }

  /** A setting that is a path: {@code ./x} below {@code resources/}. */
  public Optional<Path> path(String key) {
    return text(key).map(this::resolve).map(Path::of);
  }

  private String resolve(String value) {
    if (value.startsWith("./") && resources != null) {
      return resources.resolve(value.substring(2)).toAbsolutePath().normalize().toString();
    }
    return value;
  }

  /** The folder of the local resources, or null. */
  public Path resources() {
    return resources;
  }
}
