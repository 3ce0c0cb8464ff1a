package dev.containerwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.containerwatch.cli.replay.Sample;
import dev.containerwatch.cli.replay.SampleFinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The samples' READMEs list every sample, and the folder's README links each source's README. */
class EventsSamplesReadmeTest {
  private static final Path SAMPLES = Path.of("../events-samples");

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"kubernetes", "dockerhub"})
  void everySampleIsInItsSourcesReadme(String source) throws IOException {
    String readme = Files.readString(SAMPLES.resolve(source).resolve("README.md"));
    List<Sample> samples = SampleFinder.find(List.of(SAMPLES.resolve(source)));
    assertThat(samples).hasSizeGreaterThanOrEqualTo(5);
    for (Sample s : samples) {
      assertThat(readme).as(s.label()).contains("`" + s.label() + "`");
      if (!s.expectsRejection()) {
        assertThat(s.sibling(".expected.json")).as(s.label()).isPresent();
      } else {
        assertThat(s.sibling(".reason.txt")).as(s.label()).isPresent();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"aws", "azure", "gcp", "kubernetes", "dockerhub"})
  void theFoldersReadmeLinksEachSourcesReadme(String source) throws IOException {
    assertThat(SAMPLES.resolve(source).resolve("README.md")).exists();
    assertThat(Files.readString(SAMPLES.resolve("README.md")))
        .contains("[" + source + "/README.md](" + source + "/README.md)");
  }
}
