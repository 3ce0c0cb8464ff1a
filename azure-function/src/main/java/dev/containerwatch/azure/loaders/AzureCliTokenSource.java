package dev.containerwatch.azure.loaders;

import com.fasterxml.jackson.databind.JsonNode;
import dev.containerwatch.documents.Json;
import dev.containerwatch.pipeline.SinkException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Tokens of the developer's Azure CLI login, for running the functions off Azure: {@code az account
 * get-access-token --resource <resource> --output json}, kept until five minutes before its {@code
 * expires_on}. {@code az login} (or {@code az login --service-principal}, {@code az login
 * --identity}) is the only set-up. The token is read from the command's output and never put in a
 * message; a failure names the exit code and the first line the CLI wrote on its error stream.
 */
public final class AzureCliTokenSource implements TokenSource {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final List<String> az;
  private final Map<String, String> environment;
  private final String resource;
  private final Clock clock;
  private final Duration timeout;
  private String token;
  private Instant expiresOn;

  /** The {@code az} on the path, for the audience's {@code .default} scope. */
  public static AzureCliTokenSource forScope(String scope, Clock clock) {
    boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win");
    return new AzureCliTokenSource(
        windows ? List.of("cmd.exe", "/c", "az") : List.of("az"), Map.of(), scope, clock, TIMEOUT);
  }

  /**
   * @param az the command that runs the Azure CLI
   * @param environment variables added to the command's environment
   */
  AzureCliTokenSource(
      List<String> az,
      Map<String, String> environment,
      String scope,
      Clock clock,
      Duration timeout) {
    this.az = List.copyOf(az);
    this.environment = Map.copyOf(environment);
    this.resource = ManagedIdentityTokenSource.resourceOf(scope);
    this.clock = clock;
    this.timeout = timeout;
  }

  @Override
  public synchronized String bearerToken() {
    Instant now = clock.instant();
    if (token == null
        || !now.isBefore(expiresOn.minus(ManagedIdentityTokenSource.REFRESH_BEFORE_EXPIRY))) {
      fetch();
    }
    return token;
  }

  private void fetch() {
    String what = "Azure CLI token for " + resource;
    List<String> command = new ArrayList<>(az);
    command.addAll(
        List.of("account", "get-access-token", "--resource", resource, "--output", "json"));
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("containerwatch-az", ".json");
      err = Files.createTempFile("containerwatch-az", ".err");
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
      builder.environment().putAll(environment);
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new SinkException(
            what + ": the Azure CLI (az) cannot be run; install it and run az login");
      }
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new SinkException(what + ": az did not answer within " + timeout.toSeconds() + " s");
      }
      if (process.exitValue() != 0) {
        throw new SinkException(what + ": az exited with " + process.exitValue() + firstLine(err));
      }
      read(Files.readString(out, StandardCharsets.UTF_8), what);
    } catch (IOException e) {
      throw new SinkException(what + ": " + e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SinkException(what + ": interrupted");
    } finally {
      delete(out);
      delete(err);
    }
  }

  private void read(String output, String what) throws IOException {
    JsonNode answer;
    try {
      answer = Json.read(output);
    } catch (IOException e) {
      throw new SinkException(what + ": az did not answer JSON");
    }
    String accessToken = answer == null ? "" : answer.path("accessToken").asText("");
    String expiry = answer == null ? "" : answer.path("expires_on").asText("").strip();
    if (accessToken.isEmpty()) {
      throw new SinkException(what + ": az answered no accessToken");
    }
    if (!expiry.matches("\\d{1,12}")) {
      // expires_on (epoch seconds) exists since Azure CLI 2.54; expiresOn is a local time.
      throw new SinkException(what + ": az answered no expires_on (Azure CLI 2.54 or later)");
    }
    token = accessToken;
    expiresOn = Instant.ofEpochSecond(Long.parseLong(expiry));
  }

  private static String firstLine(Path err) throws IOException {
    String text = Files.readString(err, StandardCharsets.UTF_8).strip();
    if (text.isEmpty()) {
      return "";
    }
    String line = text.lines().findFirst().orElse("").strip();
    return ": " + (line.length() > 200 ? line.substring(0, 197) + "..." : line);
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("win")
            ? "NUL"
            : "/dev/null");
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // a temporary file left behind holds no secret: the token file is deleted first
      }
    }
  }

  @Override
  public String toString() {
    return "Azure CLI login for " + resource;
  }
}
