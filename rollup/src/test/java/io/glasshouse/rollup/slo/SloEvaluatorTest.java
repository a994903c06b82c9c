package io.glasshouse.rollup.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SloEvaluatorTest {
  static final long MIN = 60_000;
  static final long ASOF = Instant.parse("2026-05-20T12:00:00Z").toEpochMilli();
  static final Sli RATIO = new Sli.Ratio(MetricSelector.parse("requests{status!~\"5..\"}"), null,
      MetricSelector.parse("requests"));

  static SloDefinition slo(double target, SloWindow window, Budgeting budgeting) {
    return new SloDefinition("s", "svc", RATIO, target, window, budgeting, Map.of(), "", "");
  }

  static SloDefinition rolling(Duration len, double target) {
    return slo(target, new SloWindow.Rolling(len), new Budgeting.Occurrences());
  }

  @Test
  void sliIsTheRatioOfSummedCountsNotTheAverageOfMinuteRatios() {
    SloDefinition d = rolling(Duration.ofDays(1), 0.99);
    MinuteCounts c = Counts.covering(d, ASOF).at(ASOF - 10 * MIN, 990, 1000).at(ASOF - 5 * MIN, 0, 10).build();
    SloReport r = SloEvaluator.evaluate(d, c, ASOF);
    assertThat(r.sli()).isCloseTo(990.0 / 1010, within(1e-12)); // not (0.99 + 0) / 2
    assertThat(r.good()).isEqualTo(990);
    assertThat(r.total()).isEqualTo(1010);
    // budget: 1% of 1010 = 10.1 events; 20 bad → 1 - 20/10.1
    assertThat(r.errorBudget().events()).isCloseTo(10.1, within(1e-9));
    assertThat(r.budgetRemaining()).isCloseTo(1 - 20 / 10.1, within(1e-12));
    assertThat(r.budgetRemainingEvents()).isCloseTo(10.1 - 20, within(1e-9));
    assertThat(r.errorBudget().time()).isEqualTo(Duration.ofMillis(Math.round(0.01 * 86_400_000)));
    // 5m window holds only the minute at -5m: 10 bad of 10 → error ratio 1, burn 100
    assertThat(r.burnRate(Duration.ofMinutes(5)).get()).isCloseTo(100.0, within(1e-9));
    assertThat(r.burnRate(Duration.ofMinutes(30)).get()).isCloseTo((20.0 / 1010) / 0.01, within(1e-9));
  }

  @Test
  void rollingWindowCountsExactlyItsMinutes() {
    SloDefinition d = rolling(Duration.ofHours(1), 0.9);
    MinuteCounts c = Counts.covering(d, ASOF)
        .at(ASOF - 61 * MIN, 0, 100)   // outside: just before the window
        .at(ASOF - 60 * MIN, 50, 100)  // first minute of the window
        .at(ASOF - MIN, 100, 100)      // last complete minute
        .build();
    SloReport r = SloEvaluator.evaluate(d, c, ASOF);
    assertThat(r.windowStart()).isEqualTo(Instant.ofEpochMilli(ASOF - 60 * MIN));
    assertThat(r.total()).isEqualTo(200);
    assertThat(r.sli()).isEqualTo(0.75);
  }

  @Test
  void noTrafficLeavesTheSliAndBudgetUndefined() {
    SloDefinition d = rolling(Duration.ofDays(7), 0.999);
    MinuteCounts c = Counts.covering(d, ASOF).at(ASOF - Duration.ofDays(2).toMillis(), 100, 100).build();
    SloReport r = SloEvaluator.evaluate(d, c, ASOF);
    assertThat(r.sli()).isEqualTo(1.0);
    assertThat(r.burnRate(Duration.ofHours(6))).isEmpty(); // no traffic in the last 6 h: undefined, not 0
    assertThat(r.burnRate(Duration.ofDays(3))).isPresent();
    assertThat(r.exhaustion().atCurrentBurn()).isNull();
    assertThat(r.exhaustion().currentNote()).contains("no events in the last 1h");

    SloReport empty = SloEvaluator.evaluate(d, Counts.covering(d, ASOF).build(), ASOF);
    assertThat(empty.sli()).isNull();
    assertThat(empty.budgetRemaining()).isNull();
    assertThat(empty.budgetRemainingTime()).isNull();
    assertThat(empty.windowBurnRate()).isNull();
    assertThat(empty.notes()).anySatisfy(n -> assertThat(n).contains("undefined"));
    assertThat(empty.budgetOverTime()).allSatisfy(p -> assertThat(p.remaining()).isNull());
  }

  @Test
  void overspentBudgetIsNegativeAndAlreadyExhausted() {
    SloDefinition d = rolling(Duration.ofDays(1), 0.99);
    MinuteCounts c = Counts.covering(d, ASOF).at(ASOF - 30 * MIN, 970, 1000).build();
    SloReport r = SloEvaluator.evaluate(d, c, ASOF);
    assertThat(r.budgetRemaining()).isCloseTo(-2.0, within(1e-9)); // 30 bad of a 10-event budget
    assertThat(r.budgetRemainingEvents()).isCloseTo(-20.0, within(1e-9));
    assertThat(r.budgetRemainingTime()).isEqualTo(Duration.ofMillis(Math.round(-2.0 * 0.01 * 86_400_000)));
    assertThat(r.exhaustion().atCurrentBurn()).isEqualTo(Instant.ofEpochMilli(ASOF));
  }

  @Test
  void timeslicesCountGoodSlicesAmongSlicesWithEvents() {
    SloDefinition d = slo(0.9, new SloWindow.Rolling(Duration.ofHours(1)),
        new Budgeting.Timeslices(Duration.ofMinutes(5), 0.95));
    long s0 = ASOF - 20 * MIN; // slices on the epoch grid: ASOF is a multiple of 5 minutes
    MinuteCounts c = new Counts(ASOF - Duration.ofDays(3).toMillis(), ASOF + MIN)
        .at(s0, 50, 50).at(s0 + MIN, 46, 50)                       // 96/100 ≥ 95% → good
        .at(s0 + 5 * MIN, 90, 100)                                  // 90% → bad
        // slice s0+10m: no events → not counted
        .at(s0 + 15 * MIN, 10, 10)                                  // good
        .at(ASOF, 0, 1000)                                          // the current minute: not complete, not counted
        .build();
    SloReport r = SloEvaluator.evaluate(d, c, ASOF);
    assertThat(r.unit()).isEqualTo("slices");
    assertThat(r.good()).isEqualTo(2);
    assertThat(r.total()).isEqualTo(3);
    assertThat(r.sli()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(r.budgetRemaining()).isCloseTo(1 - 1 / 0.3, within(1e-9));
    assertThat(r.burnRate(Duration.ofMinutes(5))).contains(0.0); // the last slice, [ASOF-5m, ASOF), was good
  }

  @Test
  void timesliceBurnWindowsCountWholeSlices() {
    SloDefinition d = slo(0.9, new SloWindow.Rolling(Duration.ofHours(1)),
        new Budgeting.Timeslices(Duration.ofMinutes(10), 0.95));
    MinuteCounts c = Counts.covering(d, ASOF).at(ASOF - 3 * MIN, 0, 10).build();
    SloReport r = SloEvaluator.evaluate(d, c, ASOF);
    assertThat(r.burnRate(Duration.ofMinutes(5))).isEmpty(); // no whole 10-minute slice fits in 5 minutes
    assertThat(r.burnRate(Duration.ofMinutes(30)).get()).isCloseTo(10.0, within(1e-9)); // one bad slice of one
  }

  @Test
  void budgetRunsOutWhenTheCurrentBurnAndTheForecastSayItDoes() {
    SloDefinition d = rolling(Duration.ofDays(1), 0.99);
    long day = Duration.ofDays(1).toMillis();
    MinuteCounts c = Counts.covering(d, ASOF)
        .each(ASOF - 2 * day, ASOF - 60 * MIN, 100, 100)
        .each(ASOF - 60 * MIN, ASOF, 98, 100) // burn 2 in the last hour
        .build();
    TrafficProjection doubled = new TrafficProjection() {
      @Override
      public double eventsPerMinute(long minuteMs) {
        return 200;
      }

      @Override
      public String describe() {
        return "constant 200/min";
      }
    };
    SloReport r = SloEvaluator.evaluate(d, c, ASOF, doubled, null);
    assertThat(r.burnRate(Duration.ofHours(1))).get().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.DOUBLE)
        .isCloseTo(2.0, within(1e-9));
    // budget 1440 events, 120 spent; each minute adds 2 bad while a clean minute leaves: 120 + 2m > 1440 at m = 661
    assertThat(r.exhaustion().atCurrentBurn()).isEqualTo(Instant.ofEpochMilli(ASOF + 661 * MIN));
    // at 200/min: budget 1440 + m, bad 120 + 4m → m = 441
    assertThat(r.exhaustion().atForecastTraffic()).isEqualTo(Instant.ofEpochMilli(ASOF + 441 * MIN));
    assertThat(r.exhaustion().forecastNote()).contains("constant 200/min");
  }

  @Test
  void budgetThatLastsHasNoExhaustionDate() {
    SloDefinition d = rolling(Duration.ofDays(1), 0.99);
    MinuteCounts c = Counts.covering(d, ASOF).each(ASOF - 120 * MIN, ASOF, 995, 1000).build();
    SloReport r = SloEvaluator.evaluate(d, c, ASOF);
    assertThat(r.exhaustion().atCurrentBurn()).isNull();
    assertThat(r.exhaustion().currentNote()).startsWith("lasts");
  }

  @Test
  void budgetOverTimeIsHourlyFor30DaysAndEndsAtTheEvaluation() {
    SloDefinition d = rolling(Duration.ofDays(30), 0.999);
    MinuteCounts c = Counts.covering(d, ASOF).each(ASOF - 3 * 60 * MIN, ASOF, 1000, 1000)
        .at(ASOF - 90 * MIN, 0, 1000).build();
    SloReport r = SloEvaluator.evaluate(d, c, ASOF);
    assertThat(r.resolution()).isEqualTo(Duration.ofHours(1));
    assertThat(r.budgetOverTime()).hasSize(721);
    SloReport.BudgetPoint last = r.budgetOverTime().get(r.budgetOverTime().size() - 1);
    assertThat(last.time()).isEqualTo(Instant.ofEpochMilli(ASOF));
    assertThat(last.remaining()).isEqualTo(r.budgetRemaining());
    // 2 hours before: only the first clean hour counted
    SloReport.BudgetPoint twoHoursAgo = r.budgetOverTime().get(r.budgetOverTime().size() - 3);
    assertThat(twoHoursAgo.time()).isEqualTo(Instant.ofEpochMilli(ASOF - 120 * MIN));
    assertThat(twoHoursAgo.remaining()).isEqualTo(1.0);
  }

  @Test
  void calendarMonthOverDstInBerlinStartsAtLocalMidnightAndIs743HoursLong() {
    SloDefinition d = slo(0.999, SloWindow.Calendar.of(SloWindow.Unit.MONTH, ZoneId.of("Europe/Berlin")),
        new Budgeting.Occurrences());
    long asOf = Instant.parse("2026-03-31T12:00:00Z").toEpochMilli();
    MinuteCounts c = new Counts(Instant.parse("2026-02-27T00:00:00Z").toEpochMilli(), asOf)
        .at(Instant.parse("2026-02-28T22:59:00Z"), 0, 500) // 23:59 CET on 28 February: the previous month
        .at(Instant.parse("2026-02-28T23:00:00Z"), 999, 1000) // 00:00 CET on 1 March
        .at(Instant.parse("2026-03-29T01:00:00Z"), 1000, 1000) // 03:00 CEST, just after the change
        .build();
    SloReport r = SloEvaluator.evaluate(d, c, asOf);
    assertThat(r.windowStart()).isEqualTo(Instant.parse("2026-02-28T23:00:00Z"));
    assertThat(r.windowEnd()).isEqualTo(Instant.parse("2026-03-31T22:00:00Z"));
    assertThat(r.total()).isEqualTo(2000);
    assertThat(r.sli()).isEqualTo(1999.0 / 2000);
    assertThat(r.errorBudget().time()).isEqualTo(Duration.ofMillis(Math.round(0.001 * 743 * 3_600_000))); // 44.58 min
    assertThat(r.budgetRemaining()).isCloseTo(1 - 1 / 2.0, within(1e-9));
  }

  @Test
  void calendarMonthsInNewYorkFollowBothDstChanges() {
    SloWindow w = SloWindow.Calendar.of(SloWindow.Unit.MONTH, ZoneId.of("America/New_York"));
    SloWindow.Span march = w.spanAt(Instant.parse("2026-03-15T00:00:00Z").toEpochMilli());
    assertThat(Instant.ofEpochMilli(march.startMs())).isEqualTo(Instant.parse("2026-03-01T05:00:00Z"));
    assertThat(Instant.ofEpochMilli(march.fullEndMs())).isEqualTo(Instant.parse("2026-04-01T04:00:00Z"));
    assertThat(march.fullLength()).isEqualTo(Duration.ofHours(743));
    SloWindow.Span november = w.spanAt(Instant.parse("2026-11-20T00:00:00Z").toEpochMilli());
    assertThat(Instant.ofEpochMilli(november.startMs())).isEqualTo(Instant.parse("2026-11-01T04:00:00Z"));
    assertThat(november.fullLength()).isEqualTo(Duration.ofHours(721));

    SloDefinition d = slo(0.999, w, new Budgeting.Occurrences());
    long asOf = Instant.parse("2026-11-10T00:00:00Z").toEpochMilli();
    MinuteCounts c = new Counts(Instant.parse("2026-10-30T00:00:00Z").toEpochMilli(), asOf)
        .at(Instant.parse("2026-11-01T03:59:00Z"), 0, 100) // 23:59 EDT on 31 October
        .at(Instant.parse("2026-11-01T04:00:00Z"), 100, 100)
        .at(Instant.parse("2026-11-01T06:30:00Z"), 90, 100) // 01:30 EST, the repeated hour
        .build();
    SloReport r = SloEvaluator.evaluate(d, c, asOf);
    assertThat(r.total()).isEqualTo(200);
    assertThat(r.sli()).isEqualTo(0.95);
    assertThat(r.errorBudget().time()).isEqualTo(Duration.ofMillis(Math.round(0.001 * 721 * 3_600_000)));
  }

  @Test
  void calendarWeekAndQuarterBoundaries() {
    SloWindow.Span week = SloWindow.Calendar.of(SloWindow.Unit.WEEK, ZoneId.of("Europe/Berlin"))
        .spanAt(Instant.parse("2026-03-29T12:00:00Z").toEpochMilli()); // Sunday of the DST change
    assertThat(Instant.ofEpochMilli(week.startMs())).isEqualTo(Instant.parse("2026-03-22T23:00:00Z"));
    assertThat(week.fullLength()).isEqualTo(Duration.ofHours(167));
    SloWindow.Span q = SloWindow.Calendar.of(SloWindow.Unit.QUARTER, ZoneId.of("UTC"))
        .spanAt(Instant.parse("2026-05-20T00:00:00Z").toEpochMilli());
    assertThat(Instant.ofEpochMilli(q.startMs())).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
    assertThat(Instant.ofEpochMilli(q.fullEndMs())).isEqualTo(Instant.parse("2026-07-01T00:00:00Z"));
  }

  @Test
  void calendarTimeslicesAlignToThePeriodStart() {
    SloDefinition d = slo(0.99, SloWindow.Calendar.of(SloWindow.Unit.MONTH, ZoneId.of("Asia/Kolkata")),
        new Budgeting.Timeslices(Duration.ofHours(1), 0.9));
    long asOf = Instant.parse("2026-05-01T00:00:00Z").toEpochMilli(); // 05:30 local on 1 May
    MinuteCounts c = Counts.covering(d, asOf)
        .at(Instant.parse("2026-04-30T18:30:00Z"), 10, 10) // 00:00 local: first minute of the first slice
        .at(Instant.parse("2026-04-30T19:29:00Z"), 0, 10)  // last minute of that slice: 50% → bad
        .at(Instant.parse("2026-04-30T19:30:00Z"), 10, 10) // second slice: good
        .build();
    SloReport r = SloEvaluator.evaluate(d, c, asOf);
    assertThat(r.windowStart()).isEqualTo(Instant.parse("2026-04-30T18:30:00Z"));
    assertThat(r.good()).isEqualTo(1);
    assertThat(r.total()).isEqualTo(2);
  }
}
