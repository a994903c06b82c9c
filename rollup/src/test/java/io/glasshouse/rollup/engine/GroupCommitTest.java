package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.series.MinuteCell;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Group commit on the journal's sync thread (#12): while one {@code fsync} is under way the writer goes on
 * admitting and journaling the next requests, which then share one {@code fsync}; each request is acknowledged
 * only once its bytes are durable, readers never see what is not, and everything acknowledged survives a crash.
 */
class GroupCommitTest {
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
    fx.engine.beforeJournalForce = () -> { };
    fx.stop();
    await(vertx.close());
  }

  private Future<IngestResult> send(String instance, double delta) {
    return fx.engine.accept(Protocol.REMOTE_WRITE, List.of(Sample.deltaCounter("req",
        Labels.of("service", "api", "instance", instance), T0.toEpochMilli(), delta)), true);
  }

  private double total() {
    return fx.read("api", "req").stream().flatMap(s -> s.cells().stream()).mapToDouble(MinuteCell::increase).sum();
  }

  private long fsyncs() {
    return fx.registry.get("glasshouse.journal.commit").timer().count();
  }

  @Test
  void requestsArrivingDuringAnFsyncAreJournaledMeanwhileAndShareTheNextFsync() throws Exception {
    CountDownLatch inForce = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean first = new AtomicBoolean(true);
    fx.engine.beforeJournalForce = () -> {
      if (first.getAndSet(false)) {
        inForce.countDown();
        try {
          release.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    };
    long before = fsyncs();
    Future<IngestResult> held = send("i-0", 1);
    assertThat(inForce.await(30, TimeUnit.SECONDS)).isTrue(); // the first fsync is under way, and stays so

    int n = 40;
    List<Future<IngestResult>> more = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      more.add(send("i-" + i, i));
    }
    // the writer journals them while the disk is busy: nothing waits in its queue any more
    awaitCondition("the writer to take every request during the fsync",
        () -> fx.gauge("glasshouse.ingest.queue.samples") == 0);
    assertThat(held.isComplete()).isFalse();
    assertThat(more).noneMatch(Future::isComplete);
    assertThat(total()).isZero(); // nothing is visible before it is durable

    release.countDown();
    for (Future<IngestResult> f : more) {
      assertThat(await(f).accepted()).isEqualTo(1);
    }
    assertThat(await(held).accepted()).isEqualTo(1);
    double acknowledged = 1 + n * (n + 1) / 2.0;
    assertThat(total()).isEqualTo(acknowledged);
    assertThat(fsyncs() - before).as("fsyncs for %s requests", n + 1).isLessThanOrEqualTo(2);

    fx.crashAndRestart(); // no checkpoint: the journal alone brings back every acknowledged request
    assertThat(total()).isEqualTo(acknowledged);
  }

  @Test
  void concurrentSendersShareFsyncsAndEveryAcknowledgedRequestSurvivesACrash() throws Exception {
    int threads = 8;
    int perThread = 50;
    long before = fsyncs();
    List<Thread> senders = new ArrayList<>();
    List<Future<IngestResult>> all = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < threads; t++) {
      String instance = "i-" + t;
      Thread th = new Thread(() -> {
        for (int i = 0; i < perThread; i++) {
          all.add(send(instance, 1));
        }
      });
      senders.add(th);
      th.start();
    }
    for (Thread th : senders) {
      th.join();
    }
    double acknowledged = 0;
    for (Future<IngestResult> f : all) {
      acknowledged += await(f).accepted();
    }
    assertThat(acknowledged).isEqualTo(threads * perThread);
    assertThat(fsyncs() - before).isLessThan(threads * perThread);

    fx.crashAndRestart();
    assertThat(total()).isEqualTo(acknowledged);
  }

  private static void awaitCondition(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
