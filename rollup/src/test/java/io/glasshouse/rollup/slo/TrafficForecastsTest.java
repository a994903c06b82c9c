package io.glasshouse.rollup.slo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * Issue 9: the traffic forecast behind "exhaustion at forecast traffic" fits hourly cells over four weeks, so a
 * weekly pattern is seen: a budget that lasts at a quiet weekend's traffic may not last Monday's peak.
 */
class TrafficForecastsTest {
  private static final long HOUR = 3_600_000L;

  @Test
  void fourWeeksOfHourlyCellsShowMondaysPeakToAForecastMadeOnASaturday() {
    long asOf = Instant.parse("2026-11-28T12:00:00Z").toEpochMilli(); // a Saturday
    long from = asOf - Duration.ofDays(30).toMillis();
    // as DownsampledSliCounts gives them: hour cells (events at the hour's first minute), then 3 days of minutes
    long fine = asOf - Duration.ofDays(3).toMillis();
    MinuteCounts.Builder c = new MinuteCounts.Builder(from, asOf);
    for (long h = from; h < asOf; h += HOUR) {
      DayOfWeek day = Instant.ofEpochMilli(h).atZone(ZoneOffset.UTC).getDayOfWeek();
      boolean weekend = day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY;
      double events = weekend ? 600 : 6_000;
      if (h < fine) {
        c.add(h, events, events);
      } else {
        for (int m = 0; m < 60; m++) {
          c.add(h + m * 60_000L, events / 60, events / 60);
        }
      }
    }
    Object p = TrafficForecasts.project(c.build(fine, from, null), asOf, Duration.ofDays(7));
    assertThat(p).isInstanceOf(TrafficProjection.class);
    TrafficProjection f = (TrafficProjection) p;
    double sunday = f.eventsPerMinute(Instant.parse("2026-11-29T12:00:00Z").toEpochMilli());
    double monday = f.eventsPerMinute(Instant.parse("2026-11-30T12:00:00Z").toEpochMilli());
    assertThat(sunday).isCloseTo(10, org.assertj.core.data.Offset.offset(3.0));
    assertThat(monday).as("Monday's traffic, seen in the weeks before").isGreaterThan(5 * sunday);
  }

  @Test
  void theHistoryIsTheLastFourWeeksOfHours() {
    long asOf = Instant.parse("2026-11-28T12:30:00Z").toEpochMilli();
    assertThat(TrafficForecasts.historyFrom(asOf)).isEqualTo(Instant.parse("2026-10-31T12:00:00Z").toEpochMilli());
  }
}
