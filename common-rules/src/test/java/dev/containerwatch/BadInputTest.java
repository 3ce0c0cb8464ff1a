package dev.containerwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.containerwatch.catalog.Catalog;
import dev.containerwatch.config.Configuration;
import dev.containerwatch.config.ConfigurationLoader;
import dev.containerwatch.documents.SnapshotReader;
import dev.containerwatch.engine.RuleEngine;
import dev.containerwatch.kubernetes.admission.AdmissionController;
import dev.containerwatch.kubernetes.audit.AuditEvents;
import dev.containerwatch.rules.Rules;
import dev.containerwatch.testing.BadInput;
import dev.containerwatch.testing.BadInput.Case;
import dev.containerwatch.testing.Fuzzing;
import dev.containerwatch.vulnerabilities.ImageRef;
import dev.containerwatch.vulnerabilities.dockerhub.DockerHubWebhook;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The bad-input corpus (see {@link BadInput}), one parameterized test per area: each input is
 * refused with exactly the one-line {@link InvalidInputException} its {@code .error} file names
 * (for audit events, which skip a bad event rather than fail the batch, the reason it is skipped),
 * promptly, and with nothing else thrown.
 */
class BadInputTest {
  private static final Instant AT = Instant.parse("2026-11-29T12:00:00Z");
  private static final String DOCKER_HUB_SECRET = "q7Vn2kXe9LmP4sRt8WcY";
  private static final ConfigurationLoader LOADER =
      new ConfigurationLoader(Catalog.bundled(), Rules.all());
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path generated;

  static Stream<Case> config() {
    return BadInput.cases("config").stream();
  }

  static Stream<Case> reader() {
    return BadInput.cases("reader").stream();
  }

  static Stream<Case> reports() {
    return BadInput.cases("reports").stream();
  }

  static Stream<Case> admission() {
    return BadInput.cases("admission").stream();
  }

  static Stream<Case> audit() {
    return BadInput.cases("audit").stream();
  }

  static Stream<Case> dockerhub() {
    return BadInput.cases("dockerhub").stream();
  }

  static Stream<Case> imageRef() {
    return BadInput.cases("image-ref").stream();
  }

  @Timeout(30)
  @ParameterizedTest(name = "{0}")
  @MethodSource
  void config(Case c) {
    Path file = c.fileIn(generated);
    check(c, file.toString(), refusal(() -> LOADER.load(file)));
  }

  @Timeout(30)
  @ParameterizedTest(name = "{0}")
  @MethodSource
  void reader(Case c) {
    check(c, c.name(), read(c));
  }

  @Timeout(30)
  @ParameterizedTest(name = "{0}")
  @MethodSource
  void reports(Case c) {
    check(c, c.name(), read(c));
  }

  @Timeout(30)
  @ParameterizedTest(name = "{0}")
  @MethodSource
  void admission(Case c) throws IOException {
    Configuration defaults = LOADER.defaults();
    AdmissionController controller =
        new AdmissionController(
            new RuleEngine(Rules.all(), defaults),
            defaults,
            "aks-shop-prod",
            Clock.fixed(AT, ZoneOffset.UTC));
    // The handler parses the body; the controller is handed JSON.
    JsonNode body = JSON.readTree(c.content());
    check(c, c.name(), refusal(() -> controller.review(body)));
  }

  @Timeout(30)
  @ParameterizedTest(name = "{0}")
  @MethodSource
  void audit(Case c) {
    String text = new String(c.content(), StandardCharsets.UTF_8);
    String[] outcome = new String[1];
    String refusal =
        refusal(
            () -> {
              AuditEvents.Extraction x = AuditEvents.extract(AuditEvents.parse(text));
              assertThat(x.objects()).as("objects taken from a bad event").isEmpty();
              assertThat(x.skipped()).as("skip reasons").hasSize(1);
              outcome[0] = x.skipped().get(0);
            });
    if (refusal != null) {
      check(c, c.name(), refusal);
    } else {
      assertThat(outcome[0]).doesNotContain("\n").hasSizeLessThan(1000);
      compare(c, c.name(), outcome[0]);
    }
  }

  @Timeout(30)
  @ParameterizedTest(name = "{0}")
  @MethodSource
  void dockerhub(Case c) {
    DockerHubWebhook webhook = new DockerHubWebhook(DOCKER_HUB_SECRET);
    byte[] body = c.content();
    check(c, c.name(), refusal(() -> webhook.accept(DOCKER_HUB_SECRET, body)));
  }

  @Timeout(30)
  @ParameterizedTest(name = "{0}")
  @MethodSource
  void imageRef(Case c) {
    String reference = new String(c.content(), StandardCharsets.UTF_8);
    check(c, c.name(), refusal(() -> ImageRef.parse(reference)));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"config", "reader", "reports", "admission", "audit", "dockerhub", "image-ref"})
  void everyErrorFileHasItsInput(String area) {
    assertThat(BadInput.orphanErrors(area)).isEmpty();
  }

  @Test
  void theCorpusCoversEveryKindOfBadInput() {
    List<String> names =
        Stream.of("config", "reader", "reports", "admission", "audit", "dockerhub", "image-ref")
            .flatMap(a -> BadInput.cases(a).stream())
            .map(Case::name)
            .toList();
    for (String kind :
        List.of(
            "truncated",
            "wrong-type",
            "unknown-event-type",
            "wrong-cloud",
            "missing-",
            "null-",
            "10mb",
            "1mb-string",
            "nesting-10000",
            "invalid-utf8",
            "invalid-yaml",
            "anchor-bomb",
            "invalid-regex")) {
      assertThat(names).as(kind).anyMatch(n -> n.contains(kind));
    }
  }

  private static String read(Case c) {
    byte[] content = c.content();
    return refusal(
        () -> {
          SnapshotReader reader = new SnapshotReader(AT).awsRegion("eu-west-1");
          reader.add(c.name(), content);
          reader.snapshots();
        });
  }

  /** The message the action is refused with, or null when it is not; nothing else may escape. */
  private static String refusal(Runnable action) {
    try {
      action.run();
      return null;
    } catch (InvalidInputException e) {
      Fuzzing.checkMessage(e);
      return e.getMessage();
    }
  }

  private static void check(Case c, String source, String refusal) {
    if (refusal == null) {
      fail(c + " was accepted");
    }
    compare(c, source, refusal);
  }

  private static void compare(Case c, String source, String actual) {
    String expected = c.expectedAs(source);
    if (Boolean.getBoolean("bad-input.update") && !matches(expected, actual)) {
      write(c, source, actual);
      return;
    }
    if (expected == null) {
      fail(c + " has no .error file (run with -Dbad-input.update=true, then review it)");
    }
    if (expected.endsWith("*")) {
      assertThat(actual).startsWith(expected.substring(0, expected.length() - 1));
    } else {
      assertThat(actual).isEqualTo(expected);
    }
  }

  private static boolean matches(String expected, String actual) {
    return expected != null
        && (expected.endsWith("*")
            ? actual.startsWith(expected.substring(0, expected.length() - 1))
            : actual.equals(expected));
  }

  private static void write(Case c, String source, String actual) {
    int at = actual.indexOf(source);
    String asNamed =
        at < 0
            ? actual
            : actual.substring(0, at) + c.name() + actual.substring(at + source.length());
    try {
      Files.writeString(c.error(), asNamed + "\n", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
