package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.slo.Budgeting;
import io.glasshouse.rollup.slo.DownsampledSliCounts;
import io.glasshouse.rollup.slo.MetricSelector;
import io.glasshouse.rollup.slo.MinuteCounts;
import io.glasshouse.rollup.slo.Sli;
import io.glasshouse.rollup.slo.SloDefinition;
import io.glasshouse.rollup.slo.SloEvaluator;
import io.glasshouse.rollup.slo.SloReport;
import io.glasshouse.rollup.slo.SloWindow;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9: SLO windows longer than the minute retention (14 days by default) stay exact once their old minutes are
 * purged, because the old part is read from hour (and day) cells; through the real engine, its checkpoints,
 * downsampling and retention purge, driven by a manual clock over 20 days of data. The truth is what the test sent.
 */
class SloOverDownsampledDataTest {
  private static final long MINUTE = 60_000L;
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 86_400_000L;
  private static final Sli RATIO = new Sli.Ratio(MetricSelector.parse("req{status!~\"5..\"}"), null,
      MetricSelector.parse("req"));
  private static final Sli LATENCY = new Sli.Latency(MetricSelector.parse("lat"), 0.25);
  private static final SloDefinition ROLLING_30D = new SloDefinition("avail-30d", "api", RATIO, 0.99,
      new SloWindow.Rolling(Duration.ofDays(30)), new Budgeting.Occurrences(), Map.of(), "", "");
  private static final SloDefinition ROLLING_16D = new SloDefinition("avail-16d", "api", RATIO, 0.99,
      new SloWindow.Rolling(Duration.ofDays(16)), new Budgeting.Occurrences(), Map.of(), "", "");
  private static final SloDefinition MONTH_BERLIN = new SloDefinition("avail-month", "api", RATIO, 0.99,
      SloWindow.Calendar.of(SloWindow.Unit.MONTH, ZoneId.of("Europe/Berlin")), new Budgeting.Occurrences(), Map.of(),
      "", "");
  private static final SloDefinition LATENCY_28D = new SloDefinition("fast-28d", "api", LATENCY, 0.9,
      new SloWindow.Rolling(Duration.ofDays(28)), new Budgeting.Occurrences(), Map.of(), "", "");

  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;
  /** What was sent: per minute, good and total requests. */
  final TreeMap<Long, double[]> sent = new TreeMap<>();
  final Random rnd = new Random(9_2026);

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    fx = new EngineFixture(vertx, dir, EngineFixture.config(1000)); // minutes 14 d, hours 90 d, days 3 y
    fx.start();
  }

  @AfterEach
  void tearDown() {
    fx.stop();
    await(vertx.close());
  }

  private static Labels labels(String instance, String... more) {
    Labels.Builder b = Labels.builder().put("service", "api").put("instance", instance);
    for (int i = 0; i < more.length; i += 2) {
      b.put(more[i], more[i + 1]);
    }
    return b.build();
  }

  /** Advances the clock hour by hour, sending six minutes of traffic per hour, checkpointing each hour. */
  private void ingestHours(int hours) {
    for (int h = 0; h < hours; h++) {
      long start = fx.clock.millis();
      fx.clock.add(Duration.ofHours(1));
      List<Sample> batch = new ArrayList<>();
      for (int k = 0; k < 6; k++) {
        long ts = start + k * 10 * MINUTE + 1_000 + rnd.nextInt(58_000);
        int ok = rnd.nextInt(40);
        int failed = rnd.nextInt(100) < 10 ? rnd.nextInt(6) : 0;
        String inst = "i" + rnd.nextInt(3);
        batch.add(Sample.deltaCounter("req", labels(inst, "status", "200"), ts, ok));
        batch.add(Sample.deltaCounter("req", labels(inst, "status", "503"), ts, failed));
        long[] counts = {rnd.nextInt(5), rnd.nextInt(5), rnd.nextInt(3)};
        batch.add(Sample.histogram("lat", labels(inst), ts, Temporality.DELTA,
            new Buckets(new double[] {0.1, 1}, counts, counts[0] + counts[1] + counts[2], 0.5)));
        double[] m = sent.computeIfAbsent(Math.floorDiv(ts, MINUTE) * MINUTE, x -> new double[2]);
        m[0] += ok;
        m[1] += ok + failed;
      }
      await(fx.engine.accept(Protocol.JSON, batch, true));
      await(fx.engine.checkpointNow());
    }
  }

  private double[] sentIn(long from, long to) {
    double[] s = new double[2];
    sent.subMap(from, to).values().forEach(v -> {
      s[0] += v[0];
      s[1] += v[1];
    });
    return s;
  }

  private DownsampledSliCounts downsampled() {
    RollupConfig c = fx.config;
    return new DownsampledSliCounts(fx.engine, vertx, c.retention(Resolution.MINUTE), c.retention(Resolution.HOUR),
        c.retention(Resolution.DAY), c.lateWindow(), DownsampledSliCounts.DEFAULT_MAX_CACHED_VALUES);
  }

  /** Every minute read as a minute (no plan): what the SLOs read before hours and days were used. */
  private io.glasshouse.rollup.slo.SliCounts minutesOnly() {
    DownsampledSliCounts counts = downsampled();
    return counts::counts;
  }

  private static SloReport evaluate(io.glasshouse.rollup.slo.SliCounts counts, SloDefinition d, long asOf) {
    long[] range = SloEvaluator.range(d, asOf);
    return SloEvaluator.evaluate(d, await(counts.counts(d, range[0], range[1])), asOf);
  }

  private void assertTruth(SloReport r, long from, long to) {
    double[] truth = sentIn(from, to);
    assertThat(r.windowStart().toEpochMilli()).isEqualTo(from);
    assertThat(r.good()).isEqualTo(truth[0]);
    assertThat(r.total()).isEqualTo(truth[1]);
    assertThat(r.budgetRemaining()).isEqualTo(1 - (truth[1] - truth[0]) / (r.definition().errorBudgetRatio() * truth[1]));
    for (SloReport.BurnRate b : r.burnRates()) {
      double[] t = sentIn(to - b.window().toMillis(), to);
      assertThat(b.good()).as("burn window " + b.window()).isEqualTo(t[0]);
      assertThat(b.total()).as("burn window " + b.window()).isEqualTo(t[1]);
    }
  }

  @Test
  void budgetsStayExactAfterMinutesExpireAndEqualWhatMinutesGaveBefore() {
    ingestHours(13 * 24); // 13 days: every minute still kept
    long before = fx.clock.millis();
    SloReport minutes = evaluate(minutesOnly(), ROLLING_30D, before);
    SloReport tiered = evaluate(downsampled(), ROLLING_30D, before);
    assertTruth(minutes, before - 30 * DAY, before);
    assertTruth(tiered, before - 30 * DAY, before);
    assertThat(tiered.budgetOverTime()).isEqualTo(minutes.budgetOverTime());
    // what the minutes of the first six days summed to, per hour, while they were kept
    long firstDays = T0.toEpochMilli();
    MinuteCounts latencyMinutes = await(minutesOnly().counts("api", LATENCY, firstDays,
        firstDays + 6 * DAY));

    ingestHours(7 * 24); // 20 days in all: the first days' minutes are past the 14-day retention
    await(fx.engine.lastRetentionPurge());
    assertThat(fx.read("api", "req")).allSatisfy(s -> assertThat(s.cells())
        .as("the first day's minutes are purged").isEmpty());
    long after = fx.clock.millis();
    SloReport minutesNow = evaluate(minutesOnly(), ROLLING_30D, after);
    assertThat(minutesNow.total()).as("minutes alone lose the expired part").isLessThan(sentIn(after - 30 * DAY,
        after)[1]);
    assertTruth(evaluate(downsampled(), ROLLING_30D, after), after - 30 * DAY, after);

    // a calendar month in Berlin starts at 23:00 UTC, more than 14 days back: read from hours, exactly
    SloReport month = evaluate(downsampled(), MONTH_BERLIN, after);
    long monthStart = Instant.parse("2026-11-30T23:00:00Z").toEpochMilli();
    assertTruth(month, monthStart, after);

    // latency: the expired days' hours give what their minutes gave while they were kept
    long[] range = SloEvaluator.range(LATENCY_28D, after);
    MinuteCounts tieredLatency = await(downsampled().counts(LATENCY_28D, range[0], range[1]));
    for (long h = firstDays; h < firstDays + 6 * DAY; h += HOUR) {
      double[] m = sum(latencyMinutes, h, h + HOUR);
      double[] t = sum(tieredLatency, h, h + HOUR);
      assertThat(t).as("hour " + Instant.ofEpochMilli(h)).containsExactly(m);
    }
    assertThat(sum(tieredLatency, firstDays, firstDays + 6 * DAY)[1]).isPositive();
  }

  @Test
  void aRollingWindowStartingInsideAnExpiredHourWithEventsStartsAtTheNextWholeHourAndSaysSo() {
    ingestHours(20 * 24);
    fx.clock.add(Duration.ofMinutes(37));
    long asOf = SloEvaluator.asOf(fx.clock.instant());
    SloReport r = evaluate(downsampled(), ROLLING_16D, asOf);
    long counted = Resolution.HOUR.ceil(asOf - 16 * DAY);
    double[] truth = sentIn(counted, asOf);
    assertThat(r.good()).isEqualTo(truth[0]);
    assertThat(r.total()).isEqualTo(truth[1]);
    assertThat(r.notes()).anyMatch(n -> n.contains("counted from " + Instant.ofEpochMilli(counted)));
    // a 30-day window starting before the first event loses nothing there, and says nothing
    assertThat(evaluate(downsampled(), ROLLING_30D, asOf).notes()).noneMatch(n -> n.contains("counted from"));
  }

  @Test
  void aRefreshReadsOnlyWhatIsNewAndGivesWhatAFullReadGives() {
    ingestHours(16 * 24);
    DownsampledSliCounts cached = downsampled();
    long asOf = fx.clock.millis();
    evaluate(cached, ROLLING_30D, asOf);
    long firstCells = cached.stats().cellsRead();
    assertThat(cached.stats().cachedValues()).isPositive();

    ingestHours(1);
    long next = fx.clock.millis();
    SloReport again = evaluate(cached, ROLLING_30D, next);
    long secondCells = cached.stats().cellsRead() - firstCells;
    assertThat(secondCells).as("cells read by the second refresh").isLessThan(firstCells / 10);
    SloReport full = evaluate(downsampled(), ROLLING_30D, next);
    assertThat(again.good()).isEqualTo(full.good());
    assertThat(again.total()).isEqualTo(full.total());
    assertThat(again.burnRates()).isEqualTo(full.burnRates());
    assertThat(again.budgetOverTime()).isEqualTo(full.budgetOverTime());

    // a changed SLI is another cache entry; the old one goes when the definitions no longer use it
    SloDefinition changed = new SloDefinition("avail-30d", "api", new Sli.Ratio(MetricSelector.parse(
        "req{status=\"200\"}"), null, MetricSelector.parse("req")), 0.99, ROLLING_30D.window(),
        ROLLING_30D.budgeting(), Map.of(), "", "");
    cached.retain(List.of(changed));
    assertThat(cached.stats().cachedSlis()).isZero();
    assertThat(cached.stats().cachedValues()).isZero();
  }

  private static double[] sum(MinuteCounts c, long from, long to) {
    double[] s = new double[2];
    for (long m = from; m < to; m += MINUTE) {
      s[0] += c.goodAt(m);
      s[1] += c.totalAt(m);
    }
    return s;
  }
}
