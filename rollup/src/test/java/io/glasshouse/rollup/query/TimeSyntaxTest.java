package io.glasshouse.rollup.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeSyntaxTest {

  @Test
  void prometheusDurations() {
    assertThat(TimeSyntax.parseDuration("1m")).isEqualTo(Duration.ofMinutes(1));
    assertThat(TimeSyntax.parseDuration("5m")).isEqualTo(Duration.ofMinutes(5));
    assertThat(TimeSyntax.parseDuration("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(TimeSyntax.parseDuration("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(TimeSyntax.parseDuration("1w2d")).isEqualTo(Duration.ofDays(9));
    assertThat(TimeSyntax.parseDuration("1500ms")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void isoDurationsAndPlainSeconds() {
    assertThat(TimeSyntax.parseDuration("PT5M")).isEqualTo(Duration.ofMinutes(5));
    assertThat(TimeSyntax.parseDuration("P1D")).isEqualTo(Duration.ofDays(1));
    assertThat(TimeSyntax.parseDuration("300")).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void malformedDurationsSayWhichFormsWork() {
    assertThatThrownBy(() -> TimeSyntax.parseDuration("5x")).isInstanceOf(SyntaxException.class)
        .hasMessageContaining("use e.g. 1m, 5m, 1h30m, PT5M");
    assertThatThrownBy(() -> TimeSyntax.parseDuration("m5")).isInstanceOf(SyntaxException.class);
    assertThatThrownBy(() -> TimeSyntax.parseDuration("PT-5M")).isInstanceOf(SyntaxException.class);
    assertThatThrownBy(() -> TimeSyntax.parseDuration("")).isInstanceOf(SyntaxException.class);
    assertThatThrownBy(() -> TimeSyntax.parseDuration("30m1h")).hasMessageContaining("largest to smallest");
  }

  @Test
  void instantsInUtcOrWithOffset() {
    assertThat(TimeSyntax.parseInstant("2026-05-01T12:00:00Z")).isEqualTo(Instant.parse("2026-05-01T12:00:00Z"));
    assertThat(TimeSyntax.parseInstant("2026-05-01T14:00:00+02:00"))
        .isEqualTo(Instant.parse("2026-05-01T12:00:00Z"));
  }

  @Test
  void malformedInstantShowsAnExample() {
    assertThatThrownBy(() -> TimeSyntax.parseInstant("yesterday")).isInstanceOf(SyntaxException.class)
        .hasMessageContaining("not an ISO-8601 instant; use e.g. 2026-05-01T12:00:00Z");
  }

  @Test
  void theOneDurationFormatIsTheInverseOfTheParser() {
    assertThat(TimeSyntax.formatDuration(Duration.ofMinutes(30))).isEqualTo("30m");
    assertThat(TimeSyntax.formatDuration(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(TimeSyntax.formatDuration(Duration.ofDays(1))).isEqualTo("1d");
    assertThat(TimeSyntax.formatDuration(Duration.ofDays(7))).isEqualTo("1w");
    assertThat(TimeSyntax.formatDuration(Duration.ofDays(90))).isEqualTo("90d");
    assertThat(TimeSyntax.formatDuration(Duration.ofHours(60))).isEqualTo("2d12h");
    assertThat(TimeSyntax.formatDuration(Duration.ofMillis(1250))).isEqualTo("1s250ms");
    assertThat(TimeSyntax.formatDuration(Duration.ZERO)).isEqualTo("0s");
    for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofSeconds(59), Duration.ofMinutes(61),
        Duration.ofHours(25), Duration.ofDays(14), Duration.ofDays(30), Duration.parse("PT49H30M7.5S")}) {
      assertThat(TimeSyntax.parseDuration(TimeSyntax.formatDuration(d))).isEqualTo(d);
    }
  }
}
