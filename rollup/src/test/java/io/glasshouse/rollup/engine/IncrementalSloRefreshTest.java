package io.glasshouse.rollup.engine;

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
import io.glasshouse.rollup.slo.HourRetention;
import io.glasshouse.rollup.slo.MetricSelector;
import io.glasshouse.rollup.slo.SliCounts;
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
 * Issue 9: a refresh that re-reads only the unsettled part (the settled hours and days come from the cache) gives
 * exactly what a from-scratch evaluation gives, refresh after refresh: as rolling windows' edges move through the
 * data, across a calendar month's start in Europe/Berlin, with late samples landing in hours that already ended
 * (but are within the late window, so not settled), and across an engine restart. Through the real engine.
 */
class IncrementalSloRefreshTest {
  private static final long MINUTE = 60_000L;
  private static final Sli RATIO = new Sli.Ratio(MetricSelector.parse("req{status!~\"5..\"}"), null,
      MetricSelector.parse("req"));
  private static final Sli LATENCY = new Sli.Latency(MetricSelector.parse("lat"), 0.25);
  private static final List<SloDefinition> SLOS = List.of(
      slo("avail-1d", RATIO, new SloWindow.Rolling(Duration.ofDays(1)), new Budgeting.Occurrences()),
      slo("avail-80h", RATIO, new SloWindow.Rolling(Duration.ofHours(80)), new Budgeting.Occurrences()),
      slo("avail-30d", RATIO, new SloWindow.Rolling(Duration.ofDays(30)), new Budgeting.Occurrences()),
      slo("fast-7d", LATENCY, new SloWindow.Rolling(Duration.ofDays(7)), new Budgeting.Occurrences()),
      slo("avail-month-berlin", RATIO, SloWindow.Calendar.of(SloWindow.Unit.MONTH, ZoneId.of("Europe/Berlin")),
          new Budgeting.Occurrences()),
      slo("slices-month-ny", RATIO, SloWindow.Calendar.of(SloWindow.Unit.MONTH, ZoneId.of("America/New_York")),
          new Budgeting.Timeslices(Duration.ofHours(1), 0.9)));

  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;
  final Random rnd = new Random(9_3);
  /** What was sent: per minute, good and total requests. */
  final TreeMap<Long, double[]> sent = new TreeMap<>();

  private static SloDefinition slo(String name, Sli sli, SloWindow w, Budgeting b) {
    return new SloDefinition(name, "api", sli, 0.99, w, b, Map.of(), "", "");
  }

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    fx = new EngineFixture(vertx, dir, EngineFixture.config(1000)); // late window 1 h, hours kept 93 d
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

  /** Requests and latencies at {@code ts}. */
  private void send(List<Sample> batch, long ts) {
    String inst = "i" + rnd.nextInt(3);
    int ok = rnd.nextInt(40);
    int failed = rnd.nextInt(100) < 15 ? rnd.nextInt(6) : 0;
    batch.add(Sample.deltaCounter("req", labels(inst, "status", "200"), ts, ok));
    batch.add(Sample.deltaCounter("req", labels(inst, "status", "503"), ts, failed));
    double[] m = sent.computeIfAbsent(Math.floorDiv(ts, MINUTE) * MINUTE, x -> new double[2]);
    m[0] += ok;
    m[1] += ok + failed;
    long[] counts = {rnd.nextInt(5), rnd.nextInt(5), rnd.nextInt(3)};
    batch.add(Sample.histogram("lat", labels(inst), ts, Temporality.DELTA,
        new Buckets(new double[] {0.1, 1}, counts, counts[0] + counts[1] + counts[2], 0.5)));
  }

  /** Moves the clock on by {@code step}, sending traffic in it and, when asked, late samples from before it. */
  private void advance(Duration step, boolean late) {
    long start = fx.clock.millis();
    fx.clock.add(step);
    long now = fx.clock.millis();
    List<Sample> batch = new ArrayList<>();
    long from = Math.max(start, now - Duration.ofMinutes(30).toMillis()); // well inside the late window
    for (int k = 0; k < 3; k++) {
      send(batch, from + rnd.nextLong(now - from));
    }
    if (late) {
      // just inside the late window: into an hour that has ended, which a refresh must read again
      send(batch, now - Duration.ofHours(1).toMillis() + MINUTE + rnd.nextInt(1000));
      send(batch, Resolution.HOUR.floor(now) - MINUTE + rnd.nextInt(1000));
    }
    await(fx.engine.accept(Protocol.JSON, batch, true));
  }

  private DownsampledSliCounts counts() {
    RollupConfig c = fx.config;
    return new DownsampledSliCounts(fx.engine, vertx, c.retention(Resolution.MINUTE), c.retention(Resolution.HOUR),
        c.retention(Resolution.DAY), c.lateWindow(), DownsampledSliCounts.DEFAULT_MAX_CACHED_VALUES);
  }

  private static SloReport evaluate(SliCounts counts, SloDefinition d, long asOf) {
    long[] range = SloEvaluator.range(d, asOf);
    return SloEvaluator.evaluate(d, await(counts.counts(d, range[0], range[1])), asOf);
  }

  private void assertRefreshEqualsFromScratch(DownsampledSliCounts cached) {
    long asOf = SloEvaluator.asOf(fx.clock.instant());
    for (SloDefinition d : SLOS) {
      SloReport refreshed = evaluate(cached, d, asOf);
      SloReport scratch = evaluate(counts(), d, asOf);
      assertThat(refreshed).as(d.name() + " at " + Instant.ofEpochMilli(asOf)).isEqualTo(scratch);
    }
  }

  @Test
  void refreshesFromTheCacheEqualFromScratchEvaluationsAcrossEdgesMonthStartLateSamplesAndRestart() {
    fx.start();
    for (int h = 0; h < 66; h++) { // 2026-11-27T12:00Z on: 2.75 days of history before the refreshes
      advance(Duration.ofHours(1), false);
      await(fx.engine.checkpointNow());
    }
    DownsampledSliCounts cached = counts();
    long monthStart = Instant.parse("2026-11-30T23:00:00Z").toEpochMilli();
    boolean crossedMonth = false;
    for (int step = 0; step < 75; step++) { // 20-minute steps to 2026-12-01T07:00Z
      advance(Duration.ofMinutes(20), step % 3 == 1);
      if (step % 3 == 0) {
        await(fx.engine.checkpointNow());
      }
      assertRefreshEqualsFromScratch(cached);
      crossedMonth |= fx.clock.millis() > monthStart;
    }
    assertThat(crossedMonth).isTrue();
    assertThat(cached.stats().cachedValues()).as("settled blocks are cached").isPositive();

    // the cache holds nothing a restart would lose: after one, fresh counts give what the cache gave before it
    long asOf = SloEvaluator.asOf(fx.clock.instant());
    List<SloReport> before = SLOS.stream().map(d -> evaluate(cached, d, asOf)).toList();
    fx.restart();
    List<SloReport> after = SLOS.stream().map(d -> evaluate(counts(), d, asOf)).toList();
    assertThat(after).isEqualTo(before);
  }

  /** What a quarter SLO counted from the cache, after a restart, and what was sent in its period. */
  private record Quarter(SloDefinition slo, long start, SloReport cached, SloReport restarted, double[] truth) {
  }

  /**
   * Traffic every hour around a Berlin and a New York quarter's starts (22:00 and 04:00 UTC), then a refresh a day
   * for 92 days, purges included; evaluated from the refreshing cache and, after a restart, from fresh counts.
   */
  private List<Quarter> quartersAfterNinetyTwoDays() {
    SloDefinition berlin = slo("q-berlin", RATIO, SloWindow.Calendar.of(SloWindow.Unit.QUARTER,
        ZoneId.of("Europe/Berlin")), new Budgeting.Occurrences());
    SloDefinition newYork = slo("q-new-york", RATIO, SloWindow.Calendar.of(SloWindow.Unit.QUARTER,
        ZoneId.of("America/New_York")), new Budgeting.Occurrences());
    fx.clock.set(Instant.parse("2026-06-30T18:00:00Z"));
    fx.start();
    DownsampledSliCounts cached = counts();
    for (int h = 0; h < 14; h++) {
      advance(Duration.ofHours(1), false);
    }
    await(fx.engine.checkpointNow());
    while (fx.clock.instant().isBefore(Instant.parse("2026-09-30T08:00:00Z"))) {
      advance(Duration.ofDays(1), false);
      await(fx.engine.checkpointNow());
      long asOf = SloEvaluator.asOf(fx.clock.instant());
      evaluate(cached, berlin, asOf);
      evaluate(cached, newYork, asOf);
    }
    await(fx.engine.lastRetentionPurge());
    long asOf = SloEvaluator.asOf(fx.clock.instant());
    long berlinStart = Instant.parse("2026-06-30T22:00:00Z").toEpochMilli();
    long newYorkStart = Instant.parse("2026-07-01T04:00:00Z").toEpochMilli();
    assertThat(asOf - berlinStart).isGreaterThan(Duration.ofDays(91).toMillis());
    List<Map.Entry<SloDefinition, Long>> qs = List.of(Map.entry(berlin, berlinStart), Map.entry(newYork, newYorkStart));
    List<SloReport> fromCache = qs.stream().map(q -> evaluate(cached, q.getKey(), asOf)).toList();
    fx.restart();
    List<Quarter> out = new ArrayList<>();
    for (int i = 0; i < qs.size(); i++) {
      var q = qs.get(i);
      out.add(new Quarter(q.getKey(), q.getValue(), fromCache.get(i), evaluate(counts(), q.getKey(), asOf),
          sentIn(q.getValue(), asOf)));
    }
    return out;
  }

  @Test
  void quartersInBerlinAndNewYorkOlderThanNinetyDaysEqualWhatWasSentAlsoAfterARestart() {
    // default hour retention (93 d): the quarters' first hours are still hour cells, also after a restart
    for (Quarter q : quartersAfterNinetyTwoDays()) {
      for (SloReport r : List.of(q.cached(), q.restarted())) {
        assertThat(r.windowStart().toEpochMilli()).isEqualTo(q.start());
        assertThat(r.total()).as(q.slo().name()).isEqualTo(q.truth()[1]);
        assertThat(r.good()).as(q.slo().name()).isEqualTo(q.truth()[0]);
        assertThat(r.notes()).as(q.slo().name()).noneMatch(n -> n.contains("past the hour retention"));
      }
    }
  }

  @Test
  void withAnHourRetentionShorterThanAQuarterTheCacheKeepsTheFirstHoursUntilARestartAndTheCheckSaysSo() {
    RollupConfig d = EngineFixture.config(1000);
    fx = new EngineFixture(vertx, dir, d.withRetention(d.retention(), Duration.ofDays(90), d.dayRetention(),
        d.instanceRetention()));
    List<Quarter> quarters = quartersAfterNinetyTwoDays();
    for (Quarter q : quarters) {
      assertThat(q.cached().total()).as(q.slo().name()).isEqualTo(q.truth()[1]);
      assertThat(q.cached().good()).as(q.slo().name()).isEqualTo(q.truth()[0]);
      // the cache of settled hours does not survive a restart: they count as nothing, and the report says so
      assertThat(q.restarted().total()).as(q.slo().name()).isLessThan(q.truth()[1]);
      assertThat(q.restarted().notes()).anyMatch(n -> n.contains("past the hour retention"));
    }
    // which is why a start with such a configuration warns, naming both settings
    assertThat(HourRetention.check(quarters.stream().map(Quarter::slo).toList(), Duration.ofDays(90)))
        .hasSize(2).allSatisfy(m -> assertThat(m).contains("rollup.retention.hours (90d)").contains("calendar quarter"));
  }

  private double[] sentIn(long from, long to) {
    double[] s = new double[2];
    sent.subMap(from, to).values().forEach(v -> {
      s[0] += v[0];
      s[1] += v[1];
    });
    return s;
  }
}
