package io.glasshouse.rollup.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RollupConfigTest {
  @Test
  void misspelledKeyIsRefusedNamingItInsteadOfSilentlyKeepingTheDefault() {
    assertThatThrownBy(() -> RollupConfig.fromJson(new JsonObject().put("late-windw", "2h")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("rollup.late-windw")
        .hasMessageContaining("late-window");
  }

  @Test
  void knownKeysAreRead() {
    RollupConfig c = RollupConfig.fromJson(new JsonObject().put("late-window", "2h").put("checkpoint-interval", "1s"));

    assertThat(c.lateWindow()).isEqualTo(Duration.ofHours(2));
    assertThat(c.checkpointInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void retentionDefaultsAreFourteenDaysOfMinutesNinetyThreeOfHoursThreeYearsOfDays() {
    RollupConfig c = RollupConfig.fromJson(new JsonObject());
    assertThat(c.retention(io.glasshouse.rollup.series.Resolution.MINUTE)).isEqualTo(Duration.ofDays(14));
    // 93 days of hours: a calendar quarter (up to 92 days and an hour in UTC) keeps its first hours (issue 9)
    assertThat(c.retention(io.glasshouse.rollup.series.Resolution.HOUR)).isEqualTo(Duration.ofDays(93));
    assertThat(c.retention(io.glasshouse.rollup.series.Resolution.DAY)).isEqualTo(Duration.ofDays(1095));
  }

  @Test
  void retentionIsReadPerResolutionAndAsOneDurationForMinutes() {
    RollupConfig c = RollupConfig.fromJson(new JsonObject().put("retention",
        new JsonObject().put("minutes", "7d").put("hours", "30d").put("days", "400d")));
    assertThat(c.retention()).isEqualTo(Duration.ofDays(7));
    assertThat(c.hourRetention()).isEqualTo(Duration.ofDays(30));
    assertThat(c.dayRetention()).isEqualTo(Duration.ofDays(400));
    RollupConfig old = RollupConfig.fromJson(new JsonObject().put("retention", "30d")); // the form before hours
    assertThat(old.retention()).isEqualTo(Duration.ofDays(30));
    assertThat(old.hourRetention()).isEqualTo(Duration.ofDays(93));
  }

  @Test
  void aCoarserResolutionKeptShorterThanAFinerOneIsRefusedNamingBothKeys() {
    assertThatThrownBy(() -> RollupConfig.fromJson(new JsonObject().put("retention",
        new JsonObject().put("minutes", "30d").put("hours", "20d"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("rollup.retention.hours (20d) must be at least rollup.retention.minutes (30d)");
    assertThatThrownBy(() -> RollupConfig.fromJson(new JsonObject().put("retention",
        new JsonObject().put("days", "60d"))))
        .hasMessageStartingWith("rollup.retention.days (60d) must be at least rollup.retention.hours (93d)");
    RollupConfig longMinutes = RollupConfig.fromJson(new JsonObject().put("retention", "120d"));
    assertThat(longMinutes.hourRetention()).as("unset: at least the minutes' retention").isEqualTo(Duration.ofDays(120));
    assertThatThrownBy(() -> RollupConfig.fromJson(new JsonObject().put("retention",
        new JsonObject().put("weeks", "2w"))))
        .hasMessageContaining("rollup.retention.weeks").hasMessageContaining("minutes");
  }
}
