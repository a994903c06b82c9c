package io.glasshouse.rollup.capacity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.forecast.InstancesNeeded;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planner against a real engine on SQLite, fed through the normal ingest path with a manual clock. */
class CapacityPlannerTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final long MINUTE = 60_000;

  @TempDir
  Path dir;
  Vertx vertx;
  ManualClock clock;
  RollupStore store;
  RollupEngine engine;

  @BeforeEach
  void setUp() throws Exception {
    vertx = Vertx.vertx();
    clock = new ManualClock(T0);
    Files.createDirectories(dir);
    RollupConfig d = RollupConfig.defaults();
    RollupConfig config = new RollupConfig(d.instanceLabels(), d.dropLabels(), 1000, d.lateWindow(), d.staleAfter(),
        Duration.ZERO, Duration.ofHours(1), d.queueCapacity(), d.retention(),
        d.instanceRetention());
    store = SqliteRollupStore.create(vertx, dir);
    engine = await(RollupEngine.start(vertx, store, dir.resolve("journal"), config, clock, new SimpleMeterRegistry()));
  }

  @AfterEach
  void tearDown() {
    await(engine.close());
    await(store.close());
    await(vertx.close());
  }

  /** Feeds {@code minutes} minutes from T0, one hour per batch; the clock follows the samples. */
  private void feed(int minutes, IntFunction<List<Sample>> perMinute) {
    List<Sample> batch = new ArrayList<>();
    for (int m = 0; m < minutes; m++) {
      batch.addAll(perMinute.apply(m));
      if (m % 60 == 59 || m == minutes - 1) {
        clock.set(T0.plusMillis(m * MINUTE + 30_000));
        await(engine.accept(Protocol.REMOTE_WRITE, batch, true));
        batch = new ArrayList<>();
      }
    }
  }

  private static JsonObject indicator(String name, String service, String metric, String fn, JsonObject capacity) {
    return new JsonObject().put("name", name).put("service", service).put("metric", metric).put("fn", fn)
        .put("capacity", capacity);
  }

  private CapacityPlanner planner(String history, JsonObject... indicators) {
    CapacityConfig config = CapacityConfig.fromJson(new JsonObject().put("history", history)
        .put("indicators", new JsonArray(List.of((Object[]) indicators))));
    return new CapacityPlanner(engine, config, clock);
  }

  @Test
  void linearDiskGrowthGivesTheExactExhaustionTime() {
    // 1000 GB plus 1 GB a minute, read at the start of every minute, for three days.
    int minutes = 3 * 1440;
    feed(minutes, m -> List.of(Sample.gauge("disk_used_gb", Labels.of("service", "db", "instance", "db-1"),
        T0.toEpochMilli() + m * MINUTE, 1000 + m)));
    clock.set(T0.plusMillis(minutes * MINUTE));
    CapacityPlanner planner = planner("3d", indicator("db-disk", "db", "disk_used_gb", "last",
        new JsonObject().put("absolute", 8000)).put("target-utilisation", 0.8));
    assertThat(planner.latest()).isEmpty();

    CapacityResult result = await(planner.start(vertx));
    planner.stop();

    CapacitySnapshot s = result.indicator("db-disk").orElseThrow();
    assertThat(s.error()).isEmpty();
    assertThat(planner.latest()).contains(result);
    // A 5-minute window's value is its last reading (taken at the start of its last minute), dated at the window's
    // end: the series is the ramp one minute late. 8000 GB is reached at minute 7000, seen at minute 7001;
    // the 80% target (6400 GB) at minute 5400, seen at 5401.
    Instant expected = T0.plus(Duration.ofMinutes(7001));
    assertThat(s.pointExhaustionAt().orElseThrow()).isEqualTo(expected);
    assertThat(s.upperExhaustionAt().orElseThrow()).isBeforeOrEqualTo(expected);
    assertThat(s.targetExhaustion().orElseThrow().point().orElseThrow())
        .isEqualTo(T0.plus(Duration.ofMinutes(5401)));
    assertThat(s.current()).isEqualTo(1000 + minutes - 1);
    assertThat(s.capacity()).isEqualTo(8000);
    assertThat(s.utilisation()).isCloseTo((1000 + minutes - 1) / 8000.0, within(1e-12));
    assertThat(s.horizons()).hasSize(4);
    assertThat(s.horizons().get(1).point()).isCloseTo(1000 + minutes - 1 + 60, within(1e-6));
    assertThat(s.instancesNeeded()).isEmpty();
    assertThat(s.model()).isPresent();
    assertThat(s.history().orElseThrow().size()).isEqualTo(minutes / 5);
    assertThat(s.timeToUpperExhaustion().orElseThrow()).isLessThanOrEqualTo(Duration.ofMinutes(7001 - minutes));
    assertThat(s.suggestedSeverity()).isEqualTo("ticket");
  }

  @Test
  void perInstanceCapacityUsesTheLiveInstanceCount() {
    // Three live instances serving 8 requests a second each; a fourth went away on the first day.
    int minutes = 1440;
    feed(minutes, m -> {
      List<Sample> out = new ArrayList<>();
      for (String i : List.of("a", "b", "c")) {
        out.add(Sample.deltaCounter("requests", Labels.of("service", "web", "instance", i),
            T0.toEpochMilli() + m * MINUTE, 8 * 60));
      }
      if (m < 60) {
        out.add(Sample.deltaCounter("requests", Labels.of("service", "web", "instance", "gone"),
            T0.toEpochMilli() + m * MINUTE, 8 * 60));
      }
      return out;
    });
    clock.set(T0.plusMillis(minutes * MINUTE));
    CapacityPlanner planner = planner("1d", indicator("web-rps", "web", "requests", "rate",
        new JsonObject().put("per-instance", 10)).put("target-utilisation", 0.8));

    CapacitySnapshot s = await(planner.start(vertx)).indicator("web-rps").orElseThrow();
    planner.stop();

    assertThat(s.error()).isEmpty();
    assertThat(s.liveInstances()).isEqualTo(3);
    assertThat(s.capacity()).isEqualTo(30);
    assertThat(s.current()).isCloseTo(24, within(1e-9));
    assertThat(s.utilisation()).isCloseTo(0.8, within(1e-9));
    assertThat(s.instancesNeeded()).hasSize(4).extracting(InstancesNeeded::forPoint).containsOnly(3);
    assertThat(s.pointExhaustionAt()).isEmpty();
    assertThat(s.suggestedSeverity()).isEqualTo("none");
  }

  @Test
  void anIndicatorWithoutDataIsReportedNotDropped() {
    feed(120, m -> List.of(Sample.gauge("mem", Labels.of("service", "db", "instance", "db-1"),
        T0.toEpochMilli() + m * MINUTE, 5)));
    CapacityPlanner planner = planner("1d",
        indicator("ghost", "nosuch", "mem", "avg", new JsonObject().put("absolute", 10)),
        indicator("db-missing-metric", "db", "nosuch", "avg", new JsonObject().put("absolute", 10)),
        indicator("db-mem", "db", "mem", "avg", new JsonObject().put("absolute", 10)));

    CapacityResult r = await(planner.start(vertx));
    planner.stop();

    assertThat(r.indicators()).extracting(CapacitySnapshot::name).containsExactly("ghost", "db-missing-metric",
        "db-mem");
    assertThat(r.indicator("ghost").orElseThrow().error().orElseThrow()).contains("nosuch");
    assertThat(r.indicator("db-missing-metric").orElseThrow().error().orElseThrow()).contains("no metric named");
    assertThat(r.indicator("db-mem").orElseThrow().error()).isEmpty();
    assertThat(r.byExhaustion()).last().extracting(CapacitySnapshot::name).isNotEqualTo("db-mem");
  }

  @Test
  void computeBlockingReportsProgressPerIndicator() throws Exception {
    feed(180, m -> List.of(Sample.gauge("mem", Labels.of("service", "db", "instance", "db-1"),
        T0.toEpochMilli() + m * MINUTE, 5 + m * 0.01)));
    CapacityPlanner planner = planner("1d",
        indicator("a", "db", "mem", "avg", new JsonObject().put("absolute", 10)),
        indicator("b", "db", "mem", "max", new JsonObject().put("absolute", 10)));
    List<String> progress = new ArrayList<>();
    CapacityResult r = vertx.executeBlocking(() -> planner.computeBlocking(
        (done, total, name) -> progress.add(done + "/" + total + " " + name)), false)
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    assertThat(progress).containsExactly("1/2 a", "2/2 b");
    assertThat(r.indicators()).allSatisfy(s -> assertThat(s.error()).isEmpty());
    assertThat(planner.latest()).contains(r);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
