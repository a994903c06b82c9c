package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.query.LabelMatcher;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads answer from published snapshots: never on the writer thread, always up to the last acknowledgement. */
class ReadPathTest {
  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;
  FaultInjectingStore store;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    fx = new EngineFixture(vertx, dir, EngineFixture.config(1000));
    fx.storeWrapper = s -> store = new FaultInjectingStore(s);
    fx.start();
  }

  @AfterEach
  void tearDown() {
    fx.engine.beforeJournalForce = () -> { };
    fx.stop();
    await(vertx.close());
  }

  private static Labels labels(String instance, String t) {
    return Labels.of("service", "api", "instance", instance, "t", t);
  }

  private Future<IngestResult> sendAsync(Sample... samples) {
    return fx.engine.accept(Protocol.REMOTE_WRITE, List.of(samples), true);
  }

  private double total(List<SeriesCells> series) {
    return series.stream().flatMap(s -> s.cells().stream()).mapToDouble(MinuteCell::increase).sum();
  }

  private double total(LabelMatcher... m) {
    return total(fx.read("api", "req", m));
  }

  @Test
  void readsAnswerWhileTheWriterThreadIsBlocked() throws Exception {
    await(sendAsync(Sample.deltaCounter("req", labels("a", "x"), T0.toEpochMilli(), 2)));
    CountDownLatch inForce = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    fx.engine.beforeJournalForce = () -> {
      inForce.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    Future<IngestResult> pending = sendAsync(Sample.deltaCounter("req", labels("a", "x"), T0.toEpochMilli(), 3));
    assertThat(inForce.await(30, TimeUnit.SECONDS)).isTrue(); // the writer is now stuck in its fsync

    // reads neither wait for the writer nor see what it has not acknowledged
    assertThat(total()).isEqualTo(2);
    assertThat(await(fx.engine.services())).extracting(ServiceSummary::service).containsExactly("api");
    assertThat(await(fx.engine.metrics("api"))).hasSize(1);
    assertThat(pending.isComplete()).isFalse();

    release.countDown();
    await(pending);
    assertThat(total()).isEqualTo(5);
  }

  @Test
  void ingestIsAcknowledgedWhileAQueryIsInFlight() {
    await(sendAsync(Sample.deltaCounter("req", labels("a", "xxxxxxxxxxxxxxxxxxxxxxxxxx"), T0.toEpochMilli(), 1)));
    FaultInjectingStore.Gate read = store.holdNextRead();
    Future<List<SeriesCells>> query = fx.engine.cells("api", "req",
        List.of(LabelMatcher.of("t", LabelMatcher.Op.RE, "(.*){1,32}x")), T0.minusSeconds(3600).toEpochMilli(),
        T0.plusSeconds(3600).toEpochMilli());
    read.awaitReached();

    IngestResult r = await(sendAsync(Sample.deltaCounter("req", labels("a", "y"), T0.toEpochMilli(), 1)));
    assertThat(r.accepted()).isEqualTo(1);
    assertThat(query.isComplete()).isFalse();

    read.release();
    assertThat(total(await(query))).isEqualTo(1);
  }

  /**
   * Several senders each read their own series right after every acknowledgement while checkpoints land
   * concurrently: every read sees exactly what was acknowledged before it, never less (stale snapshot) and
   * never more (a minute counted from memory and from the store).
   */
  @Test
  void aReadAfterAnAcknowledgementSeesExactlyWhatWasAcknowledged() throws Exception {
    int senders = 3;
    int rounds = 150;
    ExecutorService pool = Executors.newFixedThreadPool(senders + 1);
    try {
      List<java.util.concurrent.Future<List<String>>> results = new ArrayList<>();
      java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
      java.util.concurrent.Future<Integer> checkpoints = pool.submit(() -> {
        int n = 0;
        while (!done.get()) {
          await(fx.engine.checkpointNow());
          n++;
        }
        return n;
      });
      for (int t = 0; t < senders; t++) {
        String name = "s" + t;
        results.add(pool.submit(() -> {
          List<String> wrong = new ArrayList<>();
          for (int i = 1; i <= rounds; i++) {
            await(sendAsync(Sample.deltaCounter("req", labels("a", name), T0.toEpochMilli() + i, 1)));
            double seen = total(LabelMatcher.of("t", LabelMatcher.Op.EQ, name));
            if (seen != i) {
              wrong.add("after " + i + " acknowledged, a read saw " + seen);
            }
          }
          return wrong;
        }));
      }
      List<String> wrong = new ArrayList<>();
      for (var f : results) {
        wrong.addAll(f.get(120, TimeUnit.SECONDS));
      }
      done.set(true);
      assertThat(checkpoints.get(60, TimeUnit.SECONDS)).isPositive();
      assertThat(wrong).isEmpty();
      assertThat(total()).isEqualTo(senders * rounds);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aReadMergingManyHistogramsWaitsForTheReadPoolInsteadOfRunningOnTheEventLoop() throws Exception {
    List<Sample> samples = new ArrayList<>();
    int minutes = io.glasshouse.rollup.query.ReadWork.INLINE_HISTOGRAM_CELLS + 16;
    for (int m = 0; m < minutes; m++) {
      samples.add(Sample.histogram("lat", labels("a", "x"), T0.toEpochMilli() + m * 60_000L,
          io.glasshouse.rollup.sample.Temporality.DELTA,
          new io.glasshouse.rollup.sample.Buckets(new double[] {0.1, 1}, new long[] {3, 1, 0}, 4, 0.5)));
    }
    await(fx.engine.accept(Protocol.OTLP, samples, true));
    await(fx.engine.checkpointNow());
    await(sendAsync(Sample.deltaCounter("req", labels("a", "x"), T0.toEpochMilli(), 1)));

    io.vertx.core.WorkerExecutor pool = vertx.createSharedWorkerExecutor(io.glasshouse.rollup.query.ReadWork.POOL,
        io.glasshouse.rollup.query.ReadWork.POOL_SIZE);
    CountDownLatch running = new CountDownLatch(io.glasshouse.rollup.query.ReadWork.POOL_SIZE);
    CountDownLatch release = new CountDownLatch(1);
    try {
      for (int i = 0; i < io.glasshouse.rollup.query.ReadWork.POOL_SIZE; i++) {
        pool.executeBlocking(() -> {
          running.countDown();
          return release.await(60, TimeUnit.SECONDS);
        }, false);
      }
      assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
      long from = T0.minusSeconds(3600).toEpochMilli();
      long to = T0.plusSeconds(24 * 3600).toEpochMilli();
      io.vertx.core.Promise<List<SeriesCells>> large = io.vertx.core.Promise.promise();
      io.vertx.core.Promise<List<SeriesCells>> small = io.vertx.core.Promise.promise();
      io.vertx.core.Context loop = vertx.getOrCreateContext(); // one event loop for both reads, in order
      store.readsAnswered.drainPermits();
      loop.runOnContext(v -> fx.engine.cells("api", "lat", List.of(), from, to).onComplete(large));
      assertThat(store.readsAnswered.tryAcquire(30, TimeUnit.SECONDS)).isTrue(); // its cells are read: now it merges
      loop.runOnContext(v -> fx.engine.cells("api", "req", List.of(), from, to).onComplete(small));
      assertThat(total(await(small.future()))).isEqualTo(1);
      assertThat(large.future().isComplete()).as("the merge must wait for the held read pool").isFalse();
      release.countDown();
      List<SeriesCells> lat = await(large.future());
      assertThat(lat.get(0).cells()).hasSize(minutes);
      assertThat(lat.get(0).cells()).allSatisfy(c -> assertThat(c.count()).isEqualTo(4));
    } finally {
      release.countDown();
      await(pool.close());
    }
  }

  @Test
  void newServicesSeriesAndInstancesAreListedOnceAcknowledged() {
    await(sendAsync(Sample.deltaCounter("req", labels("a", "1"), T0.toEpochMilli(), 1)));
    await(sendAsync(Sample.deltaCounter("req", labels("b", "2"), T0.toEpochMilli(), 1),
        Sample.gauge("mem", Labels.of("service", "db", "instance", "d1"), T0.toEpochMilli(), 7)));
    assertThat(await(fx.engine.services())).extracting(ServiceSummary::service, ServiceSummary::liveInstances,
        ServiceSummary::seriesCount).containsExactly(
            org.assertj.core.groups.Tuple.tuple("api", 2, 2), org.assertj.core.groups.Tuple.tuple("db", 1, 1));
    assertThat(await(fx.engine.instances("api"))).extracting(i -> i.instance()).containsExactly("a", "b");
    assertThat(await(fx.engine.series("api", "req", List.of()))).extracting(k -> k.labels().get("t"))
        .containsExactly("1", "2");
    assertThat(await(fx.engine.metrics("nope"))).isNull();
  }
}
