package io.glasshouse.statuspage.capacity;

import io.glasshouse.rollup.capacity.CapacityConfig;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.glasshouse.rollup.capacity.CapacityResult;
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
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * A small fleet in a real rollup engine on SQLite, two days of minutes fed through the ingest path with a manual
 * clock, and a started planner over four indicators: one running out within hours (page), one within days
 * (ticket), one comfortable per-instance indicator (none) and one for a service that never reported (error).
 * Built once per test JVM.
 */
final class CapacityFixture {
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");
  static final int MINUTES = 2 * 1440;
  static final Instant NOW = T0.plus(Duration.ofMinutes(MINUTES));
  private static final long MINUTE = 60_000;
  private static CapacityFixture instance;

  final Vertx vertx;
  final ManualClock clock;
  final RollupEngine engine;
  final CapacityConfig config;
  final CapacityPlanner planner;
  final CapacityResult result;

  private CapacityFixture() throws Exception {
    vertx = Vertx.vertx();
    clock = new ManualClock(T0);
    Path dir = Files.createTempDirectory("capacity-fixture");
    RollupConfig d = RollupConfig.defaults();
    RollupConfig rc = new RollupConfig(d.instanceLabels(), d.dropLabels(), 1000, d.lateWindow(), d.staleAfter(),
        Duration.ZERO, Duration.ofHours(1), d.queueCapacity(), d.retention(),
        d.instanceRetention());
    RollupStore store = SqliteRollupStore.create(vertx, dir);
    engine = await(RollupEngine.start(vertx, store, dir.resolve("journal"), rc, clock, new SimpleMeterRegistry()));
    feed();
    clock.set(NOW);
    config = CapacityConfig.fromJson(new JsonObject().put("history", "2d").put("indicators", new JsonArray()
        .add(indicator("cache-mem", "cache", "mem_used_gb", "max", "absolute", 100).put("unit", "GB"))
        .add(indicator("db-disk", "db", "disk_used_gb", "last", "absolute", 2850).put("unit", "GB")
            .put("match", "mount=\"/data\""))
        .add(indicator("web-rps", "web", "requests", "rate", "per-instance", 200).put("target-utilisation", 0.7)
            .put("unit", "req/s"))
        .add(indicator("ghost-cpu", "ghost", "cpu", "avg", "absolute", 1))));
    planner = new CapacityPlanner(engine, config, clock);
    result = await(planner.start(vertx));
    planner.stop();
  }

  static synchronized CapacityFixture get() {
    if (instance == null) {
      try {
        instance = new CapacityFixture();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
    return instance;
  }

  private static JsonObject indicator(String name, String service, String metric, String fn, String kind,
      double amount) {
    return new JsonObject().put("name", name).put("service", service).put("metric", metric).put("fn", fn)
        .put("capacity", new JsonObject().put(kind, amount));
  }

  private void feed() {
    Random rnd = new Random(42);
    List<Sample> batch = new ArrayList<>();
    for (int m = 0; m < MINUTES; m++) {
      long t = T0.toEpochMilli() + m * MINUTE;
      double day = Math.sin(2 * Math.PI * m / 1440.0);
      // Disk: 1000 GB, +0.6 GB a minute: 2850 GB at minute ~3083, about 3.4 h after NOW.
      batch.add(Sample.gauge("disk_used_gb", Labels.of("service", "db", "instance", "db-1", "mount", "/data"), t,
          1000 + 0.6 * m + rnd.nextGaussian() * 0.5));
      // Memory: 40 GB plus a daily swing, +0.01 GB a minute: 100 GB in about three days.
      batch.add(Sample.gauge("mem_used_gb", Labels.of("service", "cache", "instance", "cache-1"), t,
          40 + 0.01 * m + 3 * day + rnd.nextGaussian() * 0.2));
      // Requests: three instances at about 20 req/s each with a daily cycle; capacity 3 × 200.
      for (String i : List.of("web-1", "web-2", "web-3")) {
        batch.add(Sample.deltaCounter("requests", Labels.of("service", "web", "instance", i), t,
            Math.max(0, (20 + 8 * day) * 60 + rnd.nextGaussian() * 30)));
      }
      if (m % 60 == 59 || m == MINUTES - 1) {
        clock.set(Instant.ofEpochMilli(t + 30_000));
        await(engine.accept(Protocol.REMOTE_WRITE, batch, true));
        batch = new ArrayList<>();
      }
    }
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }
}
