package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.query.Aggregation;
import io.glasshouse.rollup.query.QueryResult;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.query.RangeQuery;
import io.glasshouse.rollup.query.SeriesResult;
import io.glasshouse.rollup.query.StepWindows;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #7: a gauge's {@code fn=last} is the fleet's value, the sum of each instance's last reading in the
 * minute (PromQL {@code sum(last_over_time(g[1m]))} across instances), and each instance's own last reading when
 * grouped by instance; exact through out-of-order arrivals, checkpoints of the late window, restarts and crashes.
 */
class FleetLastTest {
  static final long M0 = T0.toEpochMilli();
  static final long M1 = M0 + 60_000;
  static final long M2 = M0 + 120_000;

  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    fx = new EngineFixture(vertx, dir, EngineFixture.config(1000));
    fx.start();
  }

  @AfterEach
  void tearDown() {
    fx.stop();
    await(vertx.close());
  }

  static Sample queue(String instance, long ts, double v) {
    return Sample.gauge("queue_depth", Labels.of("service", "api", "instance", instance), ts, v);
  }

  void send(Sample... samples) {
    await(fx.engine.accept(Protocol.REMOTE_WRITE, List.of(samples), true));
  }

  /**
   * Minute 0: a reads 1, 2, 3 and b reads 10, 20, arriving out of order. Minute 1: a reads 4 and stops mid-minute,
   * b reads 30. Minute 2: b alone reads 40.
   */
  void sendTheFleet(Runnable between) {
    send(queue("a", M0 + 50_000, 3), queue("b", M0 + 40_000, 20));
    between.run();
    send(queue("b", M0 + 10_000, 10), queue("a", M0 + 5_000, 1));
    between.run();
    send(queue("a", M0 + 20_000, 2));
    between.run();
    send(queue("a", M1 + 5_000, 4), queue("b", M1 + 30_000, 30));
    between.run();
    send(queue("b", M2 + 30_000, 40));
    fx.clock.set(T0.plus(Duration.ofMinutes(3)));
  }

  Map<Long, Double> last(String by, Duration step) {
    QueryResult r = await(new QueryService(fx.engine).query(new RangeQuery("api", "queue_depth",
        Aggregation.parse("last", null, null), List.of(), RangeQuery.parseBy(by),
        StepWindows.of(M0, M0 + 180_000, step))));
    Map<Long, Double> out = new LinkedHashMap<>();
    for (SeriesResult s : r.series()) {
      for (SeriesResult.Point p : s.points()) {
        out.merge(p.timeMs(), p.value(), Double::sum);
      }
    }
    return out;
  }

  Map<String, Map<Long, Double>> lastByInstance() {
    QueryResult r = await(new QueryService(fx.engine).query(new RangeQuery("api", "queue_depth",
        Aggregation.parse("last", null, null), List.of(), List.of("instance"),
        StepWindows.of(M0, M0 + 180_000, Duration.ofMinutes(1)))));
    Map<String, Map<Long, Double>> out = new LinkedHashMap<>();
    for (SeriesResult s : r.series()) {
      Map<Long, Double> points = new LinkedHashMap<>();
      s.points().forEach(p -> points.put(p.timeMs(), p.value()));
      out.put(s.labels().get("instance"), points);
    }
    return out;
  }

  void assertFleetValues() {
    assertThat(last("", Duration.ofMinutes(1))).containsExactly(Map.entry(M1, 23.0), Map.entry(M2, 34.0),
        Map.entry(M2 + 60_000, 40.0));
    assertThat(lastByInstance()).containsExactly(
        Map.entry("a", Map.of(M1, 3.0, M2, 4.0)),
        Map.entry("b", Map.of(M1, 20.0, M2, 30.0, M2 + 60_000, 40.0)));
    // a longer window: the instances that reported in its newest minute with data (a had stopped)
    assertThat(last("", Duration.ofMinutes(3))).containsExactly(Map.entry(M0 + 180_000, 40.0));
  }

  @Test
  void lastIsTheSumOfEachInstancesLastReadingInTheMinuteWhateverTheArrivalOrder() {
    sendTheFleet(() -> { });
    assertFleetValues();
  }

  @Test
  void lastStaysExactWhenTheMinuteIsMergedAcrossCheckpointsAndRestarts() {
    sendTheFleet(() -> await(fx.engine.checkpointNow()));
    assertFleetValues();
    fx.restart();
    assertFleetValues();
    // hour cells hold the same per-instance readings: b alone reported in the hour's newest minute
    assertThat(last("", Duration.ofHours(1))).containsValue(40.0);
  }

  @Test
  void lastIsRecoveredFromTheJournalAfterACrashMidMinute() {
    send(queue("a", M0 + 5_000, 1), queue("b", M0 + 10_000, 10));
    await(fx.engine.checkpointNow());
    send(queue("a", M0 + 50_000, 3));
    fx.crashAndRestart();
    send(queue("b", M0 + 40_000, 20));
    fx.clock.set(T0.plus(Duration.ofMinutes(1)));
    assertThat(last("", Duration.ofMinutes(1))).containsExactly(Map.entry(M1, 23.0));
  }

  @Test
  void anInstanceThatRestartsReportsItsNewReadingNotBoth() {
    send(queue("a", M0 + 5_000, 7), queue("b", M0 + 5_000, 10));
    send(queue("a", M0 + 40_000, 0)); // a restarted with an empty queue: its newest reading stands alone
    fx.clock.set(T0.plus(Duration.ofMinutes(1)));
    assertThat(last("", Duration.ofMinutes(1))).containsExactly(Map.entry(M1, 10.0));
  }

  @Test
  void gaugeCellsOfDataFoldersWrittenBeforePerInstanceReadingsStillReadAndMerge() throws Exception {
    send(queue("a", M0 + 5_000, 1), queue("b", M0 + 30_000, 10));
    await(fx.engine.checkpointNow());
    fx.stop();
    // the cells as the previous version wrote them: no blob for gauge cells, the fleet's newest reading in last
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("glasshouse.db"));
        Statement st = c.createStatement()) {
      for (String table : List.of("cells", "hour_cells", "day_cells")) {
        assertThat(st.executeUpdate("UPDATE " + table + " SET hist = NULL")).isPositive();
      }
    }
    fx.start();
    fx.clock.set(T0.plus(Duration.ofMinutes(1)));
    assertThat(last("", Duration.ofMinutes(1))).as("the old cell's newest reading, as before")
        .containsExactly(Map.entry(M1, 10.0));
    // a reading of the same minute arriving after the upgrade merges into the old row without error
    send(queue("a", M0 + 40_000, 2));
    await(fx.engine.checkpointNow());
    fx.restart();
    assertThat(last("", Duration.ofMinutes(1))).containsExactly(Map.entry(M1, 2.0));
  }
}
