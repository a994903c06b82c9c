package io.glasshouse.bench.slo;

import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.instances.ServiceHealth;
import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.SeriesKey;
import io.glasshouse.rollup.series.ServiceSummary;
import io.glasshouse.rollup.slo.Budgeting;
import io.glasshouse.rollup.slo.DownsampledSliCounts;
import io.glasshouse.rollup.slo.MetricSelector;
import io.glasshouse.rollup.slo.Sli;
import io.glasshouse.rollup.slo.SliCounts;
import io.glasshouse.rollup.slo.SloDefinition;
import io.glasshouse.rollup.slo.SloEvaluator;
import io.glasshouse.rollup.slo.SloReports;
import io.glasshouse.rollup.slo.SloWindow;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.glasshouse.rollup.time.ManualClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Issue 9's SLO benchmark: {@code --slos-per-service} × {@code --services} 30-day rolling SLOs (each its own SLI:
 * one route's 5xx out of its requests) over a real engine on SQLite holding {@code --days} of history (one delta
 * per series every {@code --step-minutes}, so minutes older than the 14-day retention are purged and only hours
 * remain), then:
 * <ol>
 *   <li>before: {@code --before-slos} SLOs read as minutes only (every minute its own cell, no plan, no cache),
 *       reads and time per SLO;
 *   <li>after: a full refresh of every SLO through {@link SloReports} over {@link DownsampledSliCounts} (cold, with
 *       the traffic forecasts), then refreshes 10 s apart (clock), reads, cells and time per refresh;
 *   <li>ingest of live samples for every series as fast as one thread can, {@code --ingest-seconds} without and
 *       then with back-to-back SLO refreshes: samples per second each way.
 * </ol>
 * {@code slo-fleet [--services 200] [--slos-per-service 5] [--days 30] [--step-minutes 30] [--before-slos 10]
 * [--ingest-seconds 30]}
 */
public final class SloFleetBench {
  private static final long MIN = 60_000;

  private SloFleetBench() {
  }

  public static void main(String[] args) throws Exception {
    Map<String, Integer> o = new HashMap<>(Map.of("services", 200, "slos-per-service", 5, "days", 30,
        "step-minutes", 30, "before-slos", 10, "ingest-seconds", 30));
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), Integer.parseInt(args[i + 1]));
    }
    int services = o.get("services");
    int routes = o.get("slos-per-service");
    int days = o.get("days");
    Path dir = Files.createTempDirectory("slo-fleet");
    Vertx vertx = Vertx.vertx();
    ManualClock clock = new ManualClock(Instant.parse("2026-06-01T00:00:00Z"));
    long t0 = clock.millis();
    long end = t0 + days * 86_400_000L;
    clock.set(Instant.ofEpochMilli(end));
    RollupConfig d = RollupConfig.defaults();
    // the backfill needs a late window as long as the history; evaluation below uses the default 1 h
    RollupConfig config = new RollupConfig(d.instanceLabels(), d.dropLabels(), 10_000, Duration.ofDays(days + 1),
        d.staleAfter(), Duration.ZERO, d.checkpointInterval(), d.queueCapacity(), d.retention(),
        d.instanceRetention());
    RollupStore store = SqliteRollupStore.create(vertx, dir);
    RollupEngine engine = await(RollupEngine.start(vertx, store, dir.resolve("journal"), config, clock,
        new SimpleMeterRegistry()));
    Random rnd = new Random(7);
    long w0 = System.nanoTime();
    long samples = 0;
    List<Sample> batch = new ArrayList<>();
    for (long ts = t0 + 1000; ts < end; ts += o.get("step-minutes") * MIN) {
      for (int s = 0; s < services; s++) {
        for (int r = 0; r < routes; r++) {
          batch.add(Sample.deltaCounter("requests", labels(s, r, "200"), ts, 500 + rnd.nextInt(500)));
          batch.add(Sample.deltaCounter("requests", labels(s, r, "503"), ts, rnd.nextInt(100) < 3 ? 1 : 0));
        }
      }
      if (batch.size() >= 10_000) {
        if (samples / 500_000 != (samples + batch.size()) / 500_000) {
          System.out.printf(Locale.ROOT, "  backfill: %,d samples, %.0f s%n", samples, (System.nanoTime() - w0) / 1e9);
        }
        samples += batch.size();
        await(engine.accept(Protocol.REMOTE_WRITE, batch, true));
        batch = new ArrayList<>();
      }
    }
    samples += batch.size();
    await(engine.accept(Protocol.REMOTE_WRITE, batch, true));
    await(engine.checkpointNow());
    clock.add(Duration.ofMinutes(61)); // the next checkpoint purges minutes past the 14-day retention
    await(engine.checkpointNow());
    System.out.printf(Locale.ROOT, "history: %d services x %d routes x 2 series, %d days every %d min: %,d samples "
        + "in %.0f s%n", services, routes, days, o.get("step-minutes"), samples, (System.nanoTime() - w0) / 1e9);

    List<SloDefinition> slos = new ArrayList<>();
    for (int s = 0; s < services; s++) {
      for (int r = 0; r < routes; r++) {
        Sli sli = new Sli.Ratio(null, MetricSelector.parse("requests{route=\"r" + r + "\",status=~\"5..\"}"),
            MetricSelector.parse("requests{route=\"r" + r + "\"}"));
        slos.add(new SloDefinition("svc-" + s + "-r" + r, "svc-" + s, sli, 0.999,
            new SloWindow.Rolling(Duration.ofDays(30)), new Budgeting.Occurrences(), Map.of(), "", ""));
      }
    }
    var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    // before: minutes only
    CountingReader counting = new CountingReader(engine);
    SliCounts minutes = new DownsampledSliCounts(counting, vertx, d.lateWindow())::counts;
    long asOf = SloEvaluator.asOf(clock.instant());
    long c0 = os.getProcessCpuTime();
    w0 = System.nanoTime();
    int before = Math.min(o.get("before-slos"), slos.size());
    double lost = 0;
    for (int i = 0; i < before; i++) {
      SloDefinition slo = slos.get(i * (slos.size() / before));
      long[] range = SloEvaluator.range(slo, asOf);
      var counts = await(minutes.counts(slo, range[0], range[1]));
      lost += SloEvaluator.evaluate(slo, counts, asOf).total();
    }
    System.out.printf(Locale.ROOT, "before (minutes only): %d SLOs, per SLO %.1f reads, %,.0f cells, "
        + "%.0f ms wall, %.0f ms process CPU; events in the window per SLO %,.0f (the part past 14 d is lost)%n",
        before, counting.reads.get() / (double) before, counting.cells.get() / (double) before,
        (System.nanoTime() - w0) / 1e6 / before, (os.getProcessCpuTime() - c0) / 1e6 / before, lost / before);

    // after: tiered reads with the settled-count cache, through SloReports
    counting.reset();
    DownsampledSliCounts tiered = new DownsampledSliCounts(counting, vertx, d.retention(Resolution.MINUTE),
        d.retention(Resolution.HOUR), d.retention(Resolution.DAY), d.lateWindow(),
        DownsampledSliCounts.DEFAULT_MAX_CACHED_VALUES);
    SloReports reports = new SloReports(tiered, clock, Duration.ofHours(1), SloReports.DEFAULT_FORECAST_REFRESH);
    reports.replaceDefinitions(slos);
    c0 = os.getProcessCpuTime();
    w0 = System.nanoTime();
    var first = await(reports.start(vertx));
    System.out.printf(Locale.ROOT, "after, first refresh (cold cache, %d traffic forecasts): %d reports, %,d reads, "
        + "%,d cells, %.1f s wall, %.1f s process CPU%n", slos.size(), first.reports().size(), counting.reads.get(),
        counting.cells.get(), (System.nanoTime() - w0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9);
    double sumTotal = first.reports().stream().mapToDouble(r -> r.total()).sum();
    System.out.printf(Locale.ROOT, "  events in the window per SLO %,.0f (all %d days)%n", sumTotal / slos.size(),
        days);
    for (int i = 0; i < 3; i++) {
      counting.reset();
      clock.add(Duration.ofSeconds(10));
      steady(reports, counting, os, "steady refresh " + (i + 1));
    }
    gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf(Locale.ROOT, "cache: %s; heap used after GC %.0f MB%n", tiered.stats(),
        (rt.totalMemory() - rt.freeMemory()) / 1e6);

    // ingest with and without SLO evaluation
    int secs = o.get("ingest-seconds");
    double alone = ingest(engine, clock, services, routes, secs, null, os);
    System.out.printf(Locale.ROOT, "ingest alone: %,.0f samples/s%n", alone);
    double with = ingest(engine, clock, services, routes, secs, reports, os);
    System.out.printf(Locale.ROOT, "ingest with back-to-back SLO refreshes: %,.0f samples/s (%.1f%% of alone)%n",
        with, 100 * with / alone);
    reports.stop();
    await(engine.close());
    await(store.close());
    await(vertx.close());
  }

  private static void steady(SloReports reports, CountingReader counting,
      com.sun.management.OperatingSystemMXBean os, String what) throws Exception {
    long c0 = os.getProcessCpuTime();
    long t0 = threadCpu(name -> true);
    long w0 = System.nanoTime();
    await(reports.refresh());
    System.out.printf(Locale.ROOT, "  %s: %,d reads, %,d cells, %.3f s thread CPU (ThreadMXBean, all threads), "
        + "%.2f s wall, %.2f s process CPU%n", what, counting.reads.get(), counting.cells.get(),
        (threadCpu(name -> true) - t0) / 1e9, (System.nanoTime() - w0) / 1e9, (os.getProcessCpuTime() - c0) / 1e9);
  }

  /** Live samples for every series, one batch after another on this thread; refreshes alongside when given. */
  private static double ingest(RollupEngine engine, ManualClock clock, int services, int routes, int secs,
      SloReports reports, com.sun.management.OperatingSystemMXBean os) throws Exception {
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicLong refreshes = new AtomicLong();
    AtomicLong refreshNanos = new AtomicLong();
    Thread evaluator = null;
    if (reports != null) {
      evaluator = new Thread(() -> {
        while (running.get()) {
          long t = System.nanoTime();
          try {
            await(reports.refresh());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
          refreshNanos.addAndGet(System.nanoTime() - t);
          refreshes.incrementAndGet();
        }
      });
      evaluator.start();
    }
    long samples = 0;
    long refreshCpu0 = threadCpu(SloFleetBench::refreshThread);
    long c0 = os.getProcessCpuTime();
    long w0 = System.nanoTime();
    long stop = w0 + secs * 1_000_000_000L;
    while (System.nanoTime() < stop) {
      clock.add(Duration.ofSeconds(10));
      long ts = clock.millis() - 1000;
      List<Sample> batch = new ArrayList<>(services * routes * 2);
      for (int s = 0; s < services; s++) {
        for (int r = 0; r < routes; r++) {
          batch.add(Sample.deltaCounter("requests", labels(s, r, "200"), ts, 100));
          batch.add(Sample.deltaCounter("requests", labels(s, r, "503"), ts, 0));
        }
      }
      await(engine.accept(Protocol.REMOTE_WRITE, batch, true));
      samples += batch.size();
    }
    double wall = (System.nanoTime() - w0) / 1e9;
    running.set(false);
    if (evaluator != null) {
      evaluator.join();
      System.out.printf(Locale.ROOT, "  %d SLO refreshes during ingest, %.2f s wall each on average, %.3f s CPU "
          + "each (ThreadMXBean: Vert.x worker and event-loop threads and the read pool)%n", refreshes.get(),
          refreshNanos.get() / 1e9 / Math.max(1, refreshes.get()),
          (threadCpu(SloFleetBench::refreshThread) - refreshCpu0) / 1e9 / Math.max(1, refreshes.get()));
    }
    System.out.printf(Locale.ROOT, "  process CPU %.1f s in %.1f s%n", (os.getProcessCpuTime() - c0) / 1e9, wall);
    return samples / wall;
  }

  /** Threads an SLO refresh runs on: Vert.x workers (evaluation, folds), event loops, the read pool. */
  private static boolean refreshThread(String name) {
    return name.startsWith("vert.x-") || name.startsWith("glasshouse-read");
  }

  /** CPU time of the live threads whose name matches, from {@link java.lang.management.ThreadMXBean}. */
  private static long threadCpu(java.util.function.Predicate<String> name) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long sum = 0;
    for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (t != null && name.test(t.getThreadName())) {
        sum += Math.max(0, mx.getThreadCpuTime(t.getThreadId()));
      }
    }
    return sum;
  }

  private static Labels labels(int service, int route, String status) {
    return Labels.of("service", "svc-" + service, "instance", "i-1", "route", "r" + route, "status", status);
  }

  private static void gc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.MINUTES);
  }

  /** Counts reads and the cells they return. */
  static final class CountingReader implements RollupReader {
    final RollupReader delegate;
    final AtomicLong reads = new AtomicLong();
    final AtomicLong cells = new AtomicLong();

    CountingReader(RollupReader delegate) {
      this.delegate = delegate;
    }

    void reset() {
      reads.set(0);
      cells.set(0);
    }

    private Future<List<SeriesCells>> counted(Future<List<SeriesCells>> f) {
      reads.incrementAndGet();
      return f.onSuccess(l -> l.forEach(s -> cells.addAndGet(s.cells().size())));
    }

    @Override
    public Future<List<ServiceSummary>> services() {
      return delegate.services();
    }

    @Override
    public Future<List<InstanceInfo>> instances(String service) {
      return delegate.instances(service);
    }

    @Override
    public Future<ServiceHealth> instanceHealth(String service) {
      return delegate.instanceHealth(service);
    }

    @Override
    public Future<List<MetricInfo>> metrics(String service) {
      return delegate.metrics(service);
    }

    @Override
    public Future<List<SeriesKey>> series(String service, String metric, List<LabelMatcher> matchers) {
      return delegate.series(service, metric, matchers);
    }

    @Override
    public Future<List<SeriesCells>> cells(String service, String metric, List<LabelMatcher> matchers, long fromMs,
        long toMs) {
      return counted(delegate.cells(service, metric, matchers, fromMs, toMs));
    }

    @Override
    public Future<List<SeriesCells>> cells(String service, String metric, List<LabelMatcher> matchers, long fromMs,
        long toMs, Resolution resolution) {
      return counted(delegate.cells(service, metric, matchers, fromMs, toMs, resolution));
    }
  }
}
