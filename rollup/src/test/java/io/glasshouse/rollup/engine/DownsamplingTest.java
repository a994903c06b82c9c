package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.query.Aggregation;
import io.glasshouse.rollup.query.CounterSums;
import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.query.QueryResult;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.query.RangeEvaluator;
import io.glasshouse.rollup.query.RangeQuery;
import io.glasshouse.rollup.query.SelectorParser;
import io.glasshouse.rollup.query.StepWindows;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.store.StoredSeries;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 9, downsampling: hour and day cells give the same answers as the minutes they hold (counters and gauges
 * exactly, histogram quantiles identically), late samples and counter resets included, in memory, after a restart
 * and after a crash in the middle of a checkpoint; each resolution keeps its own retention.
 */
class DownsamplingTest {
  private static final long MINUTE = 60_000L;
  private static final long DAY = 86_400_000L;

  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;
  FaultyStore faulty;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void tearDown() {
    if (fx != null) {
      fx.stop();
    }
    await(vertx.close());
  }

  private void start(RollupConfig config) {
    fx = new EngineFixture(vertx, dir, config);
    fx.storeWrapper = s -> faulty = new FaultyStore(s);
    fx.start();
  }

  private long now() {
    return fx.clock.millis();
  }

  private void send(List<Sample> samples) {
    await(fx.engine.accept(Protocol.JSON, samples, true));
  }

  private static Labels labels(String instance, String... more) {
    Labels.Builder b = Labels.builder().put("service", "api").put("instance", instance);
    for (int i = 0; i < more.length; i += 2) {
      b.put(more[i], more[i + 1]);
    }
    return b.build();
  }

  /** Bucket counts and a sum in eighths, so that sums of sums are exact in any order. */
  private static Buckets buckets(Random rnd) {
    long[] counts = new long[4];
    long n = 0;
    for (int i = 0; i < counts.length; i++) {
      counts[i] = rnd.nextInt(6);
      n += counts[i];
    }
    return new Buckets(new double[] {0.05, 0.25, 1}, counts, n, rnd.nextInt(64) * 0.125);
  }

  @Test
  void downsampledAnswersEqualMinuteAnswersOverSeededRandomDataWithLateSamplesAndResets() {
    start(EngineFixture.config(1000).withRetention(Duration.ofDays(30), Duration.ofDays(7)));
    Random rnd = new Random(20261129);
    String[] instances = {"i0", "i1", "i2"};
    String[] statuses = {"200", "500"};
    double[][] cumulative = new double[instances.length][statuses.length];
    long from = now();
    for (int step = 0; step < 2 * 24 * 6; step++) { // two days in 10-minute batches
      fx.clock.add(Duration.ofMinutes(10));
      long end = now();
      List<Sample> batch = new ArrayList<>();
      for (int m = 10; m >= 1; m--) {
        for (int i = 0; i < instances.length; i++) {
          long ts = end - m * MINUTE + rnd.nextInt(60_000);
          for (int s = 0; s < statuses.length; s++) {
            if (rnd.nextInt(100) < 2) {
              cumulative[i][s] = rnd.nextInt(5); // the instance restarted: its counter starts over
            } else {
              cumulative[i][s] += rnd.nextInt(20);
            }
            batch.add(Sample.counter("req", labels(instances[i], "status", statuses[s]), ts, cumulative[i][s]));
          }
          batch.add(Sample.gauge("mem", labels(instances[i]), ts, rnd.nextInt(1000)));
          batch.add(Sample.histogram("lat", labels(instances[i]), ts, Temporality.DELTA, buckets(rnd)));
        }
      }
      for (int j = 0; j < 3; j++) { // late: up to 50 minutes old, into minutes and hours already checkpointed
        long late = end - (11 + rnd.nextInt(40)) * MINUTE + rnd.nextInt(60_000);
        String inst = instances[rnd.nextInt(instances.length)];
        batch.add(Sample.deltaCounter("jobs", labels(inst), late, 1 + rnd.nextInt(9)));
        batch.add(Sample.gauge("mem", labels(inst), late, rnd.nextInt(1000)));
        batch.add(Sample.histogram("lat", labels(inst), late, Temporality.DELTA, buckets(rnd)));
      }
      send(batch);
      if (step % 3 == 2) {
        await(fx.engine.checkpointNow());
      }
    }
    fx.clock.add(Duration.ofMinutes(1));
    // the last 10 minutes are still in memory: every resolution merges them
    assertDownsampledEqualsMinutes(from, now());
    fx.restart();
    assertDownsampledEqualsMinutes(from, now());
  }

  private void assertDownsampledEqualsMinutes(long from, long to) {
    QueryService queries = new QueryService(fx.engine);
    String[][] asked = {
        {"req", "increase", null, null, "", ""}, {"req", "rate", null, null, "", "status"},
        {"req", "increase", null, null, "status=\"500\"", ""}, {"jobs", "increase", null, null, "", ""},
        {"mem", "min", null, null, "", ""}, {"mem", "max", null, null, "", ""}, {"mem", "avg", null, null, "", ""},
        {"mem", "last", null, null, "", ""}, {"lat", "count", null, null, "", ""}, {"lat", "sum", null, null, "", ""},
        {"lat", "p50", null, null, "", ""}, {"lat", "p99", null, null, "", ""},
        {"lat", "quantile", "0.9", null, "", ""}, {"lat", "fraction_le", null, "0.25", "", ""}};
    for (Duration step : List.of(Duration.ofHours(1), Duration.ofDays(1))) {
      StepWindows w = StepWindows.of(from, to, step);
      for (String[] a : asked) {
        List<LabelMatcher> match = a[4].isEmpty() ? List.of() : SelectorParser.parse(a[4]);
        RangeQuery q = new RangeQuery("api", a[0], Aggregation.parse(a[1], a[2], a[3]), match,
            RangeQuery.parseBy(a[5]), w);
        List<SeriesCells> minutes = await(fx.engine.cells("api", a[0], match, w.startMs(), w.endMs()));
        QueryResult fromMinutes = RangeEvaluator.evaluate(q, minutes);
        QueryResult downsampled = await(queries.query(q));
        String what = a[0] + " " + a[1] + " " + a[4] + " by " + a[5] + " step " + step;
        assertThat(downsampled.resolution()).as(what)
            .isEqualTo(step.equals(Duration.ofDays(1)) ? Resolution.DAY : Resolution.HOUR);
        assertThat(fromMinutes.series()).as(what).isNotEmpty();
        assertThat(downsampled.series()).as(what).isEqualTo(fromMinutes.series());
      }
    }
  }

  @Test
  void aThirtyDaySloRatioIsTheSameFromMinutesHoursAndDays() {
    start(EngineFixture.config(1000).withRetention(Duration.ofDays(40), Duration.ofDays(40), Duration.ofDays(400),
        Duration.ofDays(7)));
    Random rnd = new Random(30);
    long day0 = Resolution.DAY.ceil(now());
    for (int h = 0; h < 31 * 24; h++) {
      fx.clock.add(Duration.ofHours(1));
      long end = now();
      List<Sample> batch = new ArrayList<>();
      for (int m = 60; m >= 1; m--) {
        long ts = end - m * MINUTE + 30_000;
        if (rnd.nextInt(50) == 0) {
          continue; // a minute without traffic
        }
        batch.add(Sample.deltaCounter("http_requests", labels("a", "status", "200"), ts, rnd.nextInt(100)));
        if (rnd.nextInt(4) == 0) {
          batch.add(Sample.deltaCounter("http_requests", labels("b", "status", "503"), ts, rnd.nextInt(3)));
        }
      }
      send(batch);
      if (h % 6 == 5) {
        await(fx.engine.checkpointNow());
      }
    }
    List<LabelMatcher> good = SelectorParser.parse("status=~\"2..\"");
    long to = day0 + 30 * DAY;
    double[] goodBy = new double[3];
    double[] totalBy = new double[3];
    for (Resolution r : Resolution.values()) {
      goodBy[r.ordinal()] = sum(await(CounterSums.perCell(fx.engine, "api", "http_requests", good, day0, to, r)));
      totalBy[r.ordinal()] = sum(await(CounterSums.perCell(fx.engine, "api", "http_requests", List.of(), day0, to, r)));
    }
    assertThat(goodBy[0]).isPositive().isLessThan(totalBy[0]);
    assertThat(goodBy).containsOnly(goodBy[0]);
    assertThat(totalBy).containsOnly(totalBy[0]);
    assertThat(goodBy[1] / totalBy[1]).isEqualTo(goodBy[0] / totalBy[0]);
    assertThat(goodBy[2] / totalBy[2]).isEqualTo(goodBy[0] / totalBy[0]);
    assertThat(await(CounterSums.perCell(fx.engine, "api", "http_requests", List.of(), day0, to, Resolution.DAY)))
        .hasSize(30);

    CounterSums.Total aligned = await(CounterSums.total(fx.engine, "api", "http_requests", good, day0, to));
    assertThat(aligned.sum()).isEqualTo(goodBy[0]);
    assertThat(aligned.pieces()).extracting(CounterSums.Piece::resolution).containsExactly(Resolution.DAY);

    // a window off the hour and day grid: minutes at its edges, hours up to the days, days inside
    long from = day0 + 37 * MINUTE;
    long until = to - 13 * MINUTE;
    CounterSums.Total unaligned = await(CounterSums.total(fx.engine, "api", "http_requests", List.of(), from, until));
    assertThat(unaligned.pieces()).extracting(CounterSums.Piece::resolution).containsExactly(Resolution.MINUTE,
        Resolution.HOUR, Resolution.DAY, Resolution.HOUR, Resolution.MINUTE);
    assertThat(unaligned.sum())
        .isEqualTo(sum(await(CounterSums.perCell(fx.engine, "api", "http_requests", List.of(), from, until,
            Resolution.MINUTE))));
  }

  private static double sum(List<CounterSums.Cell> cells) {
    return cells.stream().mapToDouble(CounterSums.Cell::sum).sum();
  }

  @Test
  void aCrashInTheMiddleOfACheckpointNeitherLosesNorDoubleCountsHoursAndDays() throws Exception {
    start(EngineFixture.config(1000));
    fx.clock.add(Duration.ofMinutes(50));
    send(List.of(Sample.deltaCounter("req", labels("a"), now() - 45 * MINUTE, 5),
        Sample.deltaCounter("req", labels("a"), now() - 5 * MINUTE, 7)));
    await(fx.engine.checkpointNow());
    fx.clock.add(Duration.ofMinutes(20)); // T0 + 70 min
    send(List.of(Sample.deltaCounter("req", labels("b"), now() - 30 * MINUTE, 11), // late, into a downsampled hour
        Sample.deltaCounter("req", labels("a"), now() - MINUTE, 13)));

    // the checkpoint's transaction dies after its minutes, hours and days are merged, before it commits
    sql("CREATE TRIGGER crash_mid_checkpoint BEFORE UPDATE ON meta BEGIN"
        + " SELECT RAISE(ABORT, 'injected: crash before the checkpoint commits'); END");
    Future<Void> failed = fx.engine.checkpointNow();
    assertThat(failed.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get()).isNotNull();
    assertThat(stored(Resolution.HOUR)).as("nothing of it is in the store").containsExactly(12.0);
    assertThat(hours()).as("readers still see it, from memory").containsExactly(23.0, 13.0);
    sql("DROP TRIGGER crash_mid_checkpoint");
    fx.crashAndRestart(); // no final checkpoint: replay from the journal

    assertThat(stored(Resolution.MINUTE)).containsExactly(5.0, 11.0, 7.0, 13.0);
    assertThat(stored(Resolution.HOUR)).containsExactly(23.0, 13.0);
    assertThat(stored(Resolution.DAY)).containsExactly(36.0);
    assertThat(hours()).containsExactly(23.0, 13.0);

    // a checkpoint that commits but whose reply is lost, then a crash: replay must not add it again
    send(List.of(Sample.deltaCounter("req", labels("a"), now(), 17)));
    faulty.failAfterCommit.set(1);
    Future<Void> lost = fx.engine.checkpointNow();
    assertThat(lost.toCompletionStage().toCompletableFuture().handle((v, e) -> e).get()).isNotNull();
    fx.crashAndRestart();
    assertThat(stored(Resolution.HOUR)).containsExactly(23.0, 30.0);
    assertThat(stored(Resolution.DAY)).containsExactly(53.0);
    assertThat(hours()).containsExactly(23.0, 30.0);
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("glasshouse.db"))) {
      c.createStatement().execute(statement);
    }
  }

  private long count(String query) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("glasshouse.db"));
        java.sql.ResultSet rs = c.createStatement().executeQuery(query)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The increases the store itself holds at {@code r} (no memory), by start. */
  private List<Double> stored(Resolution r) {
    List<Long> ids = await(fx.store.load()).series().stream().map(StoredSeries::id).toList();
    return await(fx.store.read(ids, 0, Long.MAX_VALUE, r)).rows().stream()
        .sorted(java.util.Comparator.comparingLong(x -> x.cell().minuteMs()))
        .map(x -> x.cell().increase()).toList();
  }

  private List<Double> hours() {
    return await(fx.engine.cells("api", "req", List.of(), T0.toEpochMilli(), now() + MINUTE, Resolution.HOUR))
        .stream().flatMap(s -> s.cells().stream()).map(MinuteCell::increase).toList();
  }

  @Test
  void eachResolutionLosesExactlyTheCellsPastItsRetention() throws Exception {
    start(EngineFixture.config(1000).withRetention(Duration.ofHours(3), Duration.ofDays(2), Duration.ofDays(4),
        Duration.ofDays(7)));
    long t0 = now();
    send(List.of(Sample.deltaCounter("req", labels("a"), t0, 1), Sample.deltaCounter("old", labels("a"), t0, 5)));
    await(fx.engine.checkpointNow());
    await(fx.engine.lastRetentionPurge());

    fx.clock.add(Duration.ofDays(3));
    send(List.of(Sample.deltaCounter("req", labels("a"), now(), 2)));
    await(fx.engine.checkpointNow());
    Map<Resolution, Long> purged = await(fx.engine.lastRetentionPurge());
    assertThat(purged).containsEntry(Resolution.MINUTE, 2L).containsEntry(Resolution.HOUR, 2L)
        .containsEntry(Resolution.DAY, 0L);
    assertThat(starts("req", Resolution.MINUTE)).containsExactly(now());
    assertThat(starts("req", Resolution.HOUR)).containsExactly(Resolution.HOUR.floor(now()));
    assertThat(starts("req", Resolution.DAY)).containsExactly(Resolution.DAY.floor(t0), Resolution.DAY.floor(now()));
    assertThat(await(fx.engine.cells("api", "old", List.of(), 0, now(), Resolution.DAY)))
        .as("a series whose minutes and hours expired keeps its days, readable").singleElement()
        .satisfies(s -> assertThat(s.cells()).extracting(MinuteCell::increase).containsExactly(5.0));
    QueryService queries = new QueryService(fx.engine);
    for (Duration step : List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(1))) {
      QueryResult r = await(queries.query(new RangeQuery("api", "old", Aggregation.parse("increase", null, null),
          List.of(), List.of(), StepWindows.of(t0 - DAY, now(), step))));
      if (step.equals(Duration.ofDays(1))) {
        assertThat(r.series()).as("a whole-day step reads days, kept longest").singleElement()
            .satisfies(x -> assertThat(x.points()).extracting(p -> p.value()).containsExactly(5.0));
      } else {
        assertThat(r.series()).as("minutes and hours of t0 are past their retention, step " + step).isEmpty();
      }
    }

    fx.clock.add(Duration.ofDays(2)); // t0's day is now past the 4-day retention
    send(List.of(Sample.deltaCounter("req", labels("a"), now(), 3)));
    await(fx.engine.checkpointNow());
    purged = await(fx.engine.lastRetentionPurge());
    // req's day of t0 goes by retention; "old", retired by this checkpoint's sweep, leaves with its cells in the
    // follow-up checkpoint, which may land before or after the purge reaches the days
    assertThat(purged.get(Resolution.DAY)).isBetween(1L, 2L);
    assertThat(count("SELECT COUNT(*) FROM day_cells")).as("req's two recent days, nothing of old").isEqualTo(2);
    assertThat(count("SELECT COUNT(*) FROM cells")).as("the minute of now; t0 + 3d's is past 3 h").isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM hour_cells")).as("the hours of t0 + 3d (exactly 2 d old) and now")
        .isEqualTo(2);
    assertThat(starts("req", Resolution.DAY)).containsExactly(Resolution.DAY.floor(now() - 2 * DAY),
        Resolution.DAY.floor(now()));
    assertThat(await(fx.engine.metrics("api"))).extracting(m -> m.metric()).containsExactly("req");
  }

  private List<Long> starts(String metric, Resolution r) {
    return await(fx.engine.cells("api", metric, List.of(), 0, now() + DAY, r)).stream()
        .flatMap(s -> s.cells().stream()).map(MinuteCell::minuteMs).toList();
  }
}
