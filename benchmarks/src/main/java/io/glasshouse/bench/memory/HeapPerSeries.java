package io.glasshouse.bench.memory;

import io.glasshouse.bench.loadgen.Mix;
import io.glasshouse.bench.loadgen.Payloads;
import io.glasshouse.bench.loadgen.Template;
import io.glasshouse.bench.loadgen.Workload;
import io.glasshouse.collector.remotewrite.RemoteWriteDecoder;
import io.glasshouse.rollup.cli.Cli;
import io.glasshouse.rollup.cli.HelpOption;
import io.glasshouse.rollup.engine.RollupConfig;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.management.ObjectName;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Heap per active series of a real {@link RollupEngine} (SQLite store and journal in a temporary folder):
 * measures used heap after full GCs with the engine started and empty, then after ingesting a few rounds of
 * {@code instances × series} samples decoded by the real remote-write decoder from the load generator's bodies
 * (so label strings are the decoder's, as in the server), once with the minute cells still in memory and once
 * after a checkpoint wrote them to the store.
 *
 * <p>{@code heap [--instances 200] [--series 1000] [--kind counters|histograms] [--rounds 3]}. For
 * {@code histograms}, {@code --series} counts remote-write series, 14 per histogram; the figure is per
 * histogram (one latency series per instance and tag set).
 */
@Command(name = "heap", sortOptions = false, description = "Heap per active series of a real rollup engine.")
public final class HeapPerSeries implements Callable<Integer> {
  /** The kind of series measured. */
  enum Kind {
    counters(Mix.COUNTERS, Workload.Kind.COUNTER), histograms(Mix.HISTOGRAMS, Workload.Kind.HISTOGRAM);

    final Mix mix;
    final Workload.Kind measured;

    Kind(Mix mix, Workload.Kind measured) {
      this.mix = mix;
      this.measured = measured;
    }
  }

  @Spec
  CommandSpec spec;
  @Mixin
  HelpOption help;
  @Option(names = "--instances", paramLabel = "N", defaultValue = "200",
      description = "simulated instances (default: ${DEFAULT-VALUE})")
  int instances;
  @Option(names = "--series", paramLabel = "N", defaultValue = "1000",
      description = "series per instance (default: ${DEFAULT-VALUE}); 14 per histogram for histograms")
  int series;
  @Option(names = "--kind", paramLabel = "counters|histograms", defaultValue = "counters",
      description = "series kind (default: ${DEFAULT-VALUE})")
  Kind kind;
  @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
      description = "rounds of samples ingested (default: ${DEFAULT-VALUE})")
  int rounds;

  HeapPerSeries() {
  }

  public static void main(String[] args) {
    System.exit(Cli.execute(new HeapPerSeries(), args, System.out, System.err));
  }

  @Override
  public Integer call() throws Exception {
    if (instances < 1 || series < 1 || rounds < 1) {
      throw new ParameterException(spec.commandLine(), "--instances, --series and --rounds must be at least 1");
    }
    Mix mix = kind.mix;
    Workload w = Workload.of(instances, series, mix, true);
    Workload.Kind measured = kind.measured;
    long itemsPerInstance = w.items().stream().filter(it -> it.kind() == measured).count();
    long activeSeries = itemsPerInstance * instances;
    long rollupSeries = itemsPerInstance * Math.min(instances, 5);

    Path dir = Files.createTempDirectory("glasshouse-heap");
    Vertx vertx = Vertx.vertx();
    RollupConfig d = RollupConfig.defaults();
    RollupConfig config = new RollupConfig(d.instanceLabels(), d.dropLabels(), 100_000, d.lateWindow(),
        d.staleAfter(), d.newSeriesGrace(), Duration.ofHours(1), d.queueCapacity(), d.retention(),
        d.instanceRetention());
    RollupStore store = SqliteRollupStore.create(vertx, dir);
    RollupEngine engine = await(RollupEngine.start(vertx, store, dir.resolve("journal"), config,
        Clock.systemUTC(), new SimpleMeterRegistry()));
    List<Template> templates = Payloads.remoteWrite(w, series, System.currentTimeMillis(), 42);

    long before = usedHeapAfterGc();
    Map<String, long[]> classesBefore = classHistogram();
    for (int r = 1; r <= rounds; r++) {
      long now = System.currentTimeMillis();
      List<Future<IngestResult>> acks = new ArrayList<>();
      for (Template t : templates) {
        t.patch(r, now);
        List<Sample> samples = RemoteWriteDecoder.decode(t.raw()).samples();
        acks.add(engine.accept(Protocol.REMOTE_WRITE, samples, true));
      }
      for (Future<IngestResult> f : acks) {
        await(f);
      }
      Thread.sleep(1100); // distinct timestamps per round
    }
    long withCells = usedHeapAfterGc();
    await(engine.checkpointNow());
    long afterCheckpoint = usedHeapAfterGc();
    Map<String, long[]> classesAfter = classHistogram();

    System.out.printf(Locale.ROOT, "heap: %s, %d instances x %d items = %d active %s series (%d rollup series), "
            + "%d rounds%n", kind, instances, itemsPerInstance, activeSeries, kind, rollupSeries, rounds);
    System.out.printf(Locale.ROOT, "heap: empty engine %.1f MiB; with unflushed minute cells %.1f MiB; after "
            + "checkpoint %.1f MiB%n", before / 1048576.0, withCells / 1048576.0, afterCheckpoint / 1048576.0);
    report("with minute cells in memory", withCells - before, activeSeries, rollupSeries);
    report("after checkpoint           ", afterCheckpoint - before, activeSeries, rollupSeries);
    printGrowth(classesBefore, classesAfter, activeSeries);
    System.out.printf(Locale.ROOT, "RESULT kind=%s active_series=%d bytes_per_series_cells=%.0f "
            + "bytes_per_series_checkpointed=%.0f%n", kind, activeSeries, (withCells - before) / (double) activeSeries,
        (afterCheckpoint - before) / (double) activeSeries);

    await(engine.close());
    await(store.close());
    await(vertx.close());
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    return 0;
  }

  private static void report(String label, long bytes, long activeSeries, long rollupSeries) {
    System.out.printf(Locale.ROOT, "heap: %s %.1f MiB = %,.0f bytes per active series (%,.0f per rollup series)%n",
        label, bytes / 1048576.0, bytes / (double) activeSeries, bytes / (double) rollupSeries);
  }

  /** Class name → {instances, bytes} from the JVM's own class histogram (which runs a full GC first). */
  private static Map<String, long[]> classHistogram() {
    Map<String, long[]> out = new HashMap<>();
    try {
      String text = (String) ManagementFactory.getPlatformMBeanServer().invoke(
          new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
          new Object[] {new String[0]}, new String[] {String[].class.getName()});
      for (String line : text.split("\n")) {
        String[] f = line.trim().split("\\s+");
        if (f.length >= 4 && f[0].endsWith(":")) {
          out.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
      }
    } catch (Exception e) {
      System.err.println("heap: no class histogram: " + e);
    }
    return out;
  }

  private static void printGrowth(Map<String, long[]> before, Map<String, long[]> after, long activeSeries) {
    System.out.println("heap: what grew (class histogram after minus before), per active series:");
    after.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), new long[] {
            e.getValue()[0] - before.getOrDefault(e.getKey(), new long[2])[0],
            e.getValue()[1] - before.getOrDefault(e.getKey(), new long[2])[1]}))
        .filter(e -> e.getValue()[1] > 0)
        .sorted((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]))
        .limit(12)
        .forEach(e -> System.out.printf(Locale.ROOT, "heap:   %7.1f B  %6.2f objects  %s%n",
            e.getValue()[1] / (double) activeSeries, e.getValue()[0] / (double) activeSeries, e.getKey()));
  }

  private static long usedHeapAfterGc() throws InterruptedException {
    MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, mem.getHeapMemoryUsage().getUsed());
    }
    return used;
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e.toString(), e);
    }
  }
}
