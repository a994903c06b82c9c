package io.glasshouse.bench.jmh;

import io.glasshouse.bench.loadgen.Mix;
import io.glasshouse.bench.loadgen.Payloads;
import io.glasshouse.bench.loadgen.Template;
import io.glasshouse.bench.loadgen.Workload;
import io.glasshouse.collector.remotewrite.RemoteWriteDecoder;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The rollup engine end to end, without HTTP: {@link RollupEngine#accept} of one round of 200 instances × 1,000
 * samples (200 batches, as 200 remote-write requests would hand them over), waiting for every acknowledgement,
 * that is for admission, journal append, in-memory apply and the group-committed fsync. The engine's state is
 * package-private, so this is the smallest reachable unit. Real SQLite store and journal in a temporary folder;
 * default configuration (10 s checkpoints). Batches are decoded from the load generator's bodies before the
 * measured call, a new round (later timestamp, higher counters) per invocation. Score: samples per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class EngineAcceptBenchmark {
  static final int INSTANCES = 200;
  static final int SERIES = 1000;

  @Param({"counters", "mixed"})
  public String mix;

  private Path dir;
  private Vertx vertx;
  private RollupStore store;
  private RollupEngine engine;
  private List<Template> templates;
  private List<List<Sample>> round;
  private long roundNo;

  @Setup(Level.Trial)
  public void start() throws Exception {
    dir = Files.createTempDirectory("glasshouse-jmh-engine");
    vertx = Vertx.vertx();
    store = SqliteRollupStore.create(vertx, dir);
    engine = await(RollupEngine.start(vertx, store, dir.resolve("journal"), RollupConfig.defaults(),
        Clock.systemUTC(), new SimpleMeterRegistry()));
    Workload w = Workload.of(INSTANCES, SERIES, Mix.valueOf(mix.toUpperCase(Locale.ROOT)), true);
    templates = Payloads.remoteWrite(w, SERIES, System.currentTimeMillis(), 42);
  }

  @Setup(Level.Invocation)
  public void nextRound() throws Exception {
    roundNo++;
    long now = System.currentTimeMillis();
    round = new ArrayList<>(templates.size());
    for (Template t : templates) {
      t.patch(roundNo, now);
      round.add(RemoteWriteDecoder.decode(t.raw()).samples());
    }
  }

  @Benchmark
  @OperationsPerInvocation(INSTANCES * SERIES)
  public long acceptRound() {
    List<Future<IngestResult>> acks = new ArrayList<>(round.size());
    for (List<Sample> batch : round) {
      acks.add(engine.accept(Protocol.REMOTE_WRITE, batch, true));
    }
    long accepted = 0;
    for (Future<IngestResult> f : acks) {
      accepted += await(f).accepted();
    }
    return accepted;
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    await(engine.close());
    await(store.close());
    await(vertx.close());
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(5, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException(e.toString(), e);
    }
  }
}
