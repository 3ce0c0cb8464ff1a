package dev.containerwatch.vulnerabilities.sources;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class AwsJsonTest {
  private static final Instant T = Instant.parse("2026-03-02T18:02:30Z");

  @Test
  void everyDateFormAwsWritesIsRead() {
    assertThat(AwsJson.parseTime("1772474550.0")).isEqualTo(T);
    assertThat(AwsJson.parseTime("1772474550000")).isEqualTo(T);
    assertThat(AwsJson.parseTime("2026-03-02T18:02:30Z")).isEqualTo(T);
    assertThat(AwsJson.parseTime("2026-03-02T19:02:30.000000+01:00")).isEqualTo(T);
    assertThat(AwsJson.parseTime("2026-03-02T18:02:30")).isEqualTo(T);
    assertThat(AwsJson.parseTime("Mar 2, 2026, 6:02:30 PM")).isEqualTo(T);
    assertThat(AwsJson.parseTime("Mar 2, 2026 6:02:30 PM")).isEqualTo(T);
    assertThat(AwsJson.parseTime("Mar 2, 2026, 6:02:30\u202fPM")).isEqualTo(T);
    assertThat(AwsJson.parseTime("Mar 2, 2026, 12:02:30 AM"))
        .isEqualTo(Instant.parse("2026-03-02T00:02:30Z"));
    assertThat(AwsJson.parseTime("1772474550.25")).isEqualTo(T.plusMillis(250));
  }

  @Test
  void anythingElseIsNotADate() {
    assertThat(AwsJson.parseTime("Feb 30, 2026, 6:02:30 PM")).isNull();
    assertThat(AwsJson.parseTime("yesterday")).isNull();
    assertThat(AwsJson.parseTime("9e99")).isNull();
    assertThat(AwsJson.parseTime("")).isNull();
  }
}
