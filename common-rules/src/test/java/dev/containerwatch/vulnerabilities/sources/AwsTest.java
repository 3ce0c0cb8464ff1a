package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AwsTest {
  private static final Instant T = Instant.parse("2026-03-02T18:02:30Z");

  @Test
  void everyDateFormAwsWritesIsRead() {
    assertThat(Aws.parseTime("1772474550.0")).isEqualTo(T);
    assertThat(Aws.parseTime("1772474550000")).isEqualTo(T);
    assertThat(Aws.parseTime("2026-03-02T18:02:30Z")).isEqualTo(T);
    assertThat(Aws.parseTime("2026-03-02T19:02:30.000000+01:00")).isEqualTo(T);
    assertThat(Aws.parseTime("2026-03-02T18:02:30")).isEqualTo(T);
    assertThat(Aws.parseTime("Mar 2, 2026, 6:02:30 PM")).isEqualTo(T);
    assertThat(Aws.parseTime("Mar 2, 2026 6:02:30 PM")).isEqualTo(T);
    assertThat(Aws.parseTime("Mar 2, 2026, 6:02:30\u202fPM")).isEqualTo(T);
    assertThat(Aws.parseTime("Mar 2, 2026, 12:02:30 AM"))
        .isEqualTo(Instant.parse("2026-03-02T00:02:30Z"));
    assertThat(Aws.parseTime("1772474550.25")).isEqualTo(T.plusMillis(250));
  }

  @Test
  void anythingElseIsNotADate() {
    assertThat(Aws.parseTime("Feb 30, 2026, 6:02:30 PM")).isNull();
    assertThat(Aws.parseTime("yesterday")).isNull();
    assertThat(Aws.parseTime("9e99")).isNull();
    assertThat(Aws.parseTime("")).isNull();
  }
}
