package io.glasshouse.rollup.slo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fleet with churn (instances dying, replacements starting from zero, restarts resetting counters) fed through the
 * real engine and store: the SLO figures equal an independent calculation from what each instance recorded.
 */
class FleetChurnSloTest {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final long MINUTE = 60_000;
  static final int MINUTES = 6 * 60;

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
        Duration.ZERO, Duration.ofMinutes(30), d.queueCapacity(), d.retention(), d.instanceRetention());
    store = SqliteRollupStore.create(vertx, dir);
    engine = await(RollupEngine.start(vertx, store, dir.resolve("journal"), config, clock, new SimpleMeterRegistry()));
  }

  @AfterEach
  void tearDown() {
    await(engine.close());
    await(store.close());
    await(vertx.close());
  }

  /** One simulated instance: cumulative counters per status, as its process holds them. */
  static final class Instance {
    final String id;
    long ok;
    long errors;

    Instance(String id) {
      this.id = id;
    }
  }

  @Test
  void sloFiguresEqualWhatTheInstancesRecorded() {
    Random rnd = new Random(20261101);
    List<Instance> live = new ArrayList<>(List.of(new Instance("i-1"), new Instance("i-2"), new Instance("i-3")));
    int nextId = 4;
    double[] good = new double[MINUTES];
    double[] total = new double[MINUTES];
    List<Sample> batch = new ArrayList<>();
    for (int m = 0; m < MINUTES; m++) {
      // churn at the start of the minute
      if (m > 0 && m % 47 == 0) {
        live.remove(rnd.nextInt(live.size())); // dies: what it reported is counted, nothing more comes
        live.add(new Instance("i-" + nextId++)); // its replacement starts from zero
      }
      if (m > 0 && m % 61 == 0) {
        Instance restarted = live.get(rnd.nextInt(live.size()));
        restarted.ok = 0; // same instance id, process restarted: counters reset
        restarted.errors = 0;
      }
      boolean incident = m >= 300 && m < 320; // a burst of errors 40–60 minutes before the end
      long ts = T0.toEpochMilli() + m * MINUTE + 30_000;
      for (Instance in : live) {
        int ok = 50 + rnd.nextInt(100);
        int err = rnd.nextInt(incident ? 40 : 3);
        in.ok += ok;
        in.errors += err;
        good[m] += ok;
        total[m] += ok + err;
        batch.add(Sample.counter("http_server_requests", Labels.of("service", "shop", "instance", in.id,
            "status", "200"), ts, in.ok));
        batch.add(Sample.counter("http_server_requests", Labels.of("service", "shop", "instance", in.id,
            "status", "503"), ts, in.errors));
      }
      if (m % 30 == 29) {
        clock.set(Instant.ofEpochMilli(ts));
        await(engine.accept(Protocol.REMOTE_WRITE, batch, true));
        batch = new ArrayList<>();
      }
    }
    long asOf = T0.toEpochMilli() + MINUTES * MINUTE;
    clock.set(Instant.ofEpochMilli(asOf + 15_000));

    SloDefinition slo = new SloJsonCodec().fromJson(new io.vertx.core.json.JsonObject("""
        {"name": "shop-availability", "service": "shop", "target": 0.99,
         "sli": {"ratio": {"bad": "http_server_requests{status=~\\"5..\\"}", "total": "http_server_requests"}},
         "window": {"rolling": "1d"}}
        """));
    SloReports reports = new SloReports(new DownsampledSliCounts(engine, vertx, RollupConfig.defaults().lateWindow()), clock);
    reports.replaceDefinitions(List.of(slo));
    SloReports.Snapshot snap = await(reports.start(vertx));
    reports.stop();
    SloReport r = snap.report("shop-availability").orElseThrow();

    double g = 0;
    double t = 0;
    for (int m = 0; m < MINUTES; m++) {
      g += good[m];
      t += total[m];
    }
    assertThat(r.asOf()).isEqualTo(Instant.ofEpochMilli(asOf));
    assertThat(r.total()).isEqualTo(t);
    assertThat(r.good()).isEqualTo(g);
    assertThat(r.sli()).isEqualTo(g / t);
    assertThat(r.budgetRemaining()).isCloseTo(1 - (t - g) / (0.01 * t), within(1e-12));
    for (Duration w : SloReport.BURN_WINDOWS) {
      int minutes = (int) Math.min(MINUTES, w.toMinutes());
      double wg = 0;
      double wt = 0;
      for (int m = MINUTES - minutes; m < MINUTES; m++) {
        wg += good[m];
        wt += total[m];
      }
      assertThat(r.burnRate(w).orElseThrow()).as("burn over %s", w)
          .isCloseTo(((wt - wg) / wt) / 0.01, within(1e-9));
    }
    assertThat(r.exhaustion().forecastNote()).isNotBlank();
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
