package io.glasshouse.bench.slo;

import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.slo.Budgeting;
import io.glasshouse.rollup.slo.MetricSelector;
import io.glasshouse.rollup.slo.MinuteCounts;
import io.glasshouse.rollup.slo.DownsampledSliCounts;
import io.glasshouse.rollup.slo.Sli;
import io.glasshouse.rollup.slo.SloDefinition;
import io.glasshouse.rollup.slo.SloEvaluator;
import io.glasshouse.rollup.slo.SloReport;
import io.glasshouse.rollup.slo.SloWindow;
import io.glasshouse.rollup.slo.TrafficForecasts;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * What SLO evaluation costs, in three parts, on this thread (CPU time from {@link ThreadMXBean}):
 * <ol>
 *   <li>{@code evaluate}: {@code --slos} 30-day rolling SLOs, each from its own 60 days of synthetic per-minute
 *       counts (what {@code SloEvaluator.range} asks for), evaluated {@code --rounds} times: CPU per refresh;</li>
 *   <li>{@code forecast}: the traffic forecast of {@code --forecasts} SLOs (refitted every {@code slo.forecast-refresh},
 *       15 min by default, not every refresh);</li>
 *   <li>{@code read}: a real engine on SQLite holding {@code --read-days} of minute counters for
 *       {@code --read-services} services, read minute by minute ({@code DownsampledSliCounts} without a definition) for a 1-day window per service.</li>
 * </ol>
 * {@code slo [--slos 1000] [--rounds 3] [--forecasts 5] [--read-services 20] [--read-days 2]}
 */
public final class SloEvalBench {
  private static final long MIN = 60_000;

  private SloEvalBench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, Integer> o = new java.util.HashMap<>(Map.of("slos", 1000, "rounds", 3, "forecasts", 5,
        "read-services", 20, "read-days", 2));
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), Integer.parseInt(args[i + 1]));
    }
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    long asOf = Instant.parse("2026-06-30T00:00:00Z").toEpochMilli();
    Sli sli = new Sli.Ratio(null, MetricSelector.parse("requests{status=~\"5..\"}"), MetricSelector.parse("requests"));
    SloDefinition d = new SloDefinition("bench", "svc", sli, 0.999, new SloWindow.Rolling(Duration.ofDays(30)),
        new Budgeting.Occurrences(), Map.of(), "", "");
    long[] range = SloEvaluator.range(d, asOf);
    int minutes = (int) ((range[1] - range[0]) / MIN);
    Random rnd = new Random(1);
    int distinct = Math.min(o.get("slos"), 50); // 50 distinct count sets, reused: memory stays bounded
    List<MinuteCounts> counts = new ArrayList<>();
    for (int k = 0; k < distinct; k++) {
      double[] good = new double[minutes];
      double[] total = new double[minutes];
      for (int i = 0; i < minutes; i++) {
        double daily = 1 + 0.5 * Math.sin(2 * Math.PI * i / 1440.0);
        total[i] = Math.round(1000 * daily);
        good[i] = total[i] - (rnd.nextInt(1000) < 5 ? rnd.nextInt(20) : 0);
      }
      counts.add(MinuteCounts.of(range[0], good, total));
    }
    System.out.printf(Locale.ROOT, "evaluate: %d SLOs, 30-day rolling window, %d minutes of counts each%n",
        o.get("slos"), minutes);
    for (int r = 0; r < o.get("rounds"); r++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      long w0 = System.nanoTime();
      double sink = 0;
      for (int s = 0; s < o.get("slos"); s++) {
        SloReport rep = SloEvaluator.evaluate(d, counts.get(s % distinct), asOf);
        sink += rep.total();
      }
      long c1 = cpu.getCurrentThreadCpuTime();
      System.out.printf(Locale.ROOT, "  round %d: CPU %.0f ms per refresh (%.3f ms per SLO), wall %.0f ms [%s]%n",
          r + 1, (c1 - c0) / 1e6, (c1 - c0) / 1e6 / o.get("slos"), (System.nanoTime() - w0) / 1e6,
          sink > 0 ? "ok" : "?");
    }
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "  counts held: %d sets x %d minutes x 2 doubles = %.1f MB; heap used %.0f MB%n",
        distinct, minutes, distinct * minutes * 16 / 1e6, (rt.totalMemory() - rt.freeMemory()) / 1e6);

    for (int f = 0; f < o.get("forecasts"); f++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      Object p = TrafficForecasts.project(counts.get(f % distinct), asOf, Duration.ofDays(30));
      System.out.printf(Locale.ROOT, "forecast %d: CPU %.0f ms (%s)%n", f + 1,
          (cpu.getCurrentThreadCpuTime() - c0) / 1e6, p instanceof String s ? s : "fitted");
    }

    read(o.get("read-services"), o.get("read-days"), cpu);
  }

  private static void read(int services, int days, ThreadMXBean cpu) throws Exception {
    Path dir = Files.createTempDirectory("slo-bench");
    Vertx vertx = Vertx.vertx();
    ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
    RollupConfig dflt = RollupConfig.defaults();
    RollupConfig config = new RollupConfig(dflt.instanceLabels(), dflt.dropLabels(), 1000, Duration.ofDays(days + 1),
        dflt.staleAfter(), Duration.ZERO, Duration.ofMinutes(10), dflt.queueCapacity(), dflt.retention(),
        dflt.instanceRetention());
    RollupStore store = SqliteRollupStore.create(vertx, dir);
    RollupEngine engine = await(RollupEngine.start(vertx, store, dir.resolve("journal"), config, clock,
        new SimpleMeterRegistry()));
    long t0 = clock.millis();
    int minutes = days * 1440;
    clock.set(Instant.ofEpochMilli(t0 + minutes * MIN));
    long w0 = System.nanoTime();
    for (int from = 0; from < minutes; from += 60) {
      List<Sample> batch = new ArrayList<>();
      for (int m = from; m < Math.min(minutes, from + 60); m++) {
        for (int s = 0; s < services; s++) {
          long ts = t0 + m * MIN + 1000;
          batch.add(Sample.deltaCounter("requests", Labels.of("service", "svc-" + s, "instance", "i-1",
              "status", "200"), ts, 1000));
          batch.add(Sample.deltaCounter("requests", Labels.of("service", "svc-" + s, "instance", "i-1",
              "status", "503"), ts, 1));
        }
      }
      await(engine.accept(Protocol.REMOTE_WRITE, batch, true));
    }
    await(engine.checkpointNow());
    System.out.printf(Locale.ROOT, "read: %d services x %d days of minute counters ingested in %.1f s%n", services,
        days, (System.nanoTime() - w0) / 1e9);
    DownsampledSliCounts reader = new DownsampledSliCounts(engine, null, Duration.ofHours(1));
    Sli sli = new Sli.Ratio(null, MetricSelector.parse("requests{status=~\"5..\"}"), MetricSelector.parse("requests"));
    long end = t0 + minutes * MIN;
    for (int round = 0; round < 2; round++) {
      long c0 = cpu.getCurrentThreadCpuTime();
      long wall = System.nanoTime();
      for (int s = 0; s < services; s++) {
        await(reader.counts("svc-" + s, sli, end - Duration.ofDays(days).toMillis(), end));
      }
      System.out.printf(Locale.ROOT, "  round %d: %.1f ms wall, %.1f ms CPU on this thread per SLO (%d days of "
          + "minutes, 3 series)%n", round + 1, (System.nanoTime() - wall) / 1e6 / services,
          (cpu.getCurrentThreadCpuTime() - c0) / 1e6 / services, days);
    }
    await(engine.close());
    await(store.close());
    await(vertx.close());
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
  }
}
