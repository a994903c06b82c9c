package io.glasshouse.rollup.slo;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.series.Resolution;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each hour of an SLO's range is read once, at the coarsest resolution its sums allow and the retention keeps. */
class CountPlanTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 86_400_000L;
  private static final Sli RATIO = new Sli.Ratio(MetricSelector.parse("req{status!~\"5..\"}"), null,
      MetricSelector.parse("req"));

  private static SloDefinition slo(Sli sli, SloWindow w) {
    return new SloDefinition("s", "api", sli, 0.99, w, new Budgeting.Occurrences(), Map.of(), "", "");
  }

  /** Blocks ascending, not overlapping; returns the time they cover. */
  private static long covered(CountPlan p) {
    long end = Long.MIN_VALUE;
    long sum = 0;
    for (CountPlan.Block b : p.blocks()) {
      assertThat(b.startMs()).as("block " + b + " overlaps the one before").isGreaterThanOrEqualTo(end);
      end = b.endMs();
      sum += Math.min(b.endMs(), p.toMs()) - b.startMs();
    }
    return sum;
  }

  @Test
  void aThirtyDayWindowReadsHoursBeyondTheLastThreeDaysAndMinutesWithin() {
    long asOf = Instant.parse("2026-11-29T12:00:00Z").toEpochMilli();
    SloDefinition d = slo(RATIO, new SloWindow.Rolling(Duration.ofDays(30)));
    long[] range = SloEvaluator.range(d, asOf);
    CountPlan p = CountPlan.of(d, range[0], range[1], CountPlan.Retention.DEFAULTS);
    assertThat(covered(p)).isEqualTo(range[1] - range[0]);
    List<CountPlan.Block> minutes = p.blocks().stream().filter(b -> b.read() == Resolution.MINUTE).toList();
    assertThat(minutes).hasSize(73);
    assertThat(p.fineFromMs()).isEqualTo(asOf - 73 * HOUR);
    assertThat(p.blocks()).noneMatch(b -> b.read() == Resolution.DAY);
    assertThat(p.note()).isNull();
  }

  @Test
  void aWindowStartInsideAnExpiredHourIsReadFromTheNextWholeHourAndNoted() {
    long asOf = Instant.parse("2026-11-29T12:37:00Z").toEpochMilli();
    SloDefinition d = slo(RATIO, new SloWindow.Rolling(Duration.ofDays(30)));
    long[] range = SloEvaluator.range(d, asOf);
    CountPlan p = CountPlan.of(d, range[0], range[1], CountPlan.Retention.DEFAULTS);
    covered(p);
    long edgeHour = Resolution.HOUR.floor(asOf - 30 * DAY);
    assertThat(p.blocks()).contains(new CountPlan.Block(Resolution.HOUR, edgeHour));
    assertThat(p.roundedEdge()).isEqualTo(new CountPlan.Block(Resolution.HOUR, edgeHour));
    assertThat(p.roundedEdgeNote(Duration.ofDays(14))).contains("counted from " + Instant.ofEpochMilli(edgeHour + HOUR));
    // within the minute retention the edge hour is read as minutes: exact to the minute
    SloDefinition week = slo(RATIO, new SloWindow.Rolling(Duration.ofDays(10)));
    long[] r = SloEvaluator.range(week, asOf);
    CountPlan wp = CountPlan.of(week, r[0], r[1], CountPlan.Retention.DEFAULTS);
    assertThat(wp.blocks()).contains(new CountPlan.Block(Resolution.MINUTE, Resolution.HOUR.floor(asOf - 10 * DAY)));
    assertThat(wp.note()).isNull();
    assertThat(wp.roundedEdge()).isNull();
  }

  @Test
  void aQuarterPastTheHourRetentionReadsWholeUtcDaysOnceAndAsksTheCacheForTheHoursOfItsFirstUtcDay() {
    long asOf = Instant.parse("2026-09-30T12:00:00Z").toEpochMilli(); // 91.5 days into the quarter
    SloDefinition d = slo(RATIO, SloWindow.Calendar.of(SloWindow.Unit.QUARTER, ZoneId.of("Europe/Berlin")));
    long[] range = SloEvaluator.range(d, asOf);
    CountPlan.Retention ninetyDaysOfHours = new CountPlan.Retention(CountPlan.Retention.DEFAULTS.minutes(),
        Duration.ofDays(90), CountPlan.Retention.DEFAULTS.days()); // configured shorter than a quarter
    CountPlan p = CountPlan.of(d, range[0], range[1], ninetyDaysOfHours);
    covered(p);
    List<CountPlan.Block> days = p.blocks().stream().filter(b -> b.read() == Resolution.DAY).toList();
    assertThat(days).isNotEmpty().allSatisfy(b -> assertThat(Resolution.DAY.aligned(b.startMs())).isTrue());
    for (CountPlan.Block day : days) {
      assertThat(p.blocks()).noneMatch(b -> b.read() != Resolution.DAY && b.startMs() >= day.startMs()
          && b.startMs() < day.endMs());
    }
    // the quarter starts at 22:00 UTC on 30 June: that UTC day began before the range and its hours expired, so
    // they are asked of the cache of settled hours (the day cell holds 22 hours of the previous quarter)
    long start = Instant.parse("2026-06-30T22:00:00Z").toEpochMilli();
    assertThat(p.cachedOnly()).containsExactlyInAnyOrder(new CountPlan.Block(Resolution.HOUR, start),
        new CountPlan.Block(Resolution.HOUR, start + HOUR));
    assertThat(p.blocks()).containsAll(p.cachedOnly());
    assertThat(p.note()).isNull();
  }

  @Test
  void withTheDefaultHourRetentionAQuarterInBerlinIsReadFromHoursBackToItsStartWithoutTheCache() {
    long asOf = Instant.parse("2026-09-30T21:59:00Z").toEpochMilli(); // a minute short of the quarter's end
    SloDefinition d = slo(RATIO, SloWindow.Calendar.of(SloWindow.Unit.QUARTER, ZoneId.of("Europe/Berlin")));
    long[] range = SloEvaluator.range(d, asOf);
    CountPlan p = CountPlan.of(d, range[0], range[1], CountPlan.Retention.DEFAULTS);
    covered(p);
    assertThat(p.cachedOnly()).as("nothing a restart could lose").isEmpty();
    assertThat(p.blocks()).noneMatch(b -> b.read() == Resolution.DAY);
    assertThat(p.blocks().get(0)).isEqualTo(new CountPlan.Block(Resolution.HOUR,
        Instant.parse("2026-06-30T22:00:00Z").toEpochMilli()));
    assertThat(p.note()).isNull();
  }

  @Test
  void aGaugeSliNeedsMinutesAndHasNothingPastTheirRetention() {
    long asOf = Instant.parse("2026-11-29T12:00:00Z").toEpochMilli();
    SloDefinition d = slo(new Sli.Gauge(MetricSelector.parse("up")), new SloWindow.Rolling(Duration.ofDays(30)));
    long[] range = SloEvaluator.range(d, asOf);
    CountPlan p = CountPlan.of(d, range[0], range[1], CountPlan.Retention.DEFAULTS);
    assertThat(p.blocks()).allMatch(b -> b.read() == Resolution.MINUTE);
    assertThat(p.blocks().get(0).startMs()).isGreaterThanOrEqualTo(asOf - 14 * DAY);
    assertThat(p.note()).contains("minutes");
  }
}
