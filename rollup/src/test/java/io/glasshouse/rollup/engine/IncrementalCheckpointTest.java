package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.store.sqlite.SqliteRollupStore;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints write only what changed since the last one, in chunks (paced when nobody waits for them), inside
 * one transaction: a crash in the middle of a chunked checkpoint leaves the store as the previous checkpoint
 * left it, and replay brings back exactly what was acknowledged, at every resolution.
 */
class IncrementalCheckpointTest {
  private static final int SERIES = 2_500; // a few chunks of rows per table

  @TempDir
  Path dir;
  Vertx vertx;
  EngineFixture fx;
  SqliteRollupStore sqlite;

  @BeforeEach
  void setUp() {
    vertx = Vertx.vertx();
    fx = new EngineFixture(vertx, dir, EngineFixture.config(SERIES + 10));
    fx.storeWrapper = s -> {
      sqlite = (SqliteRollupStore) s;
      return s;
    };
    fx.start();
  }

  @AfterEach
  void tearDown() {
    fx.stop();
    await(vertx.close());
  }

  /** One cumulative reading per path from one instance, all at {@code value}. */
  private void sendRound(double value, long atMs) {
    List<Sample> batch = new ArrayList<>(SERIES);
    for (int i = 0; i < SERIES; i++) {
      batch.add(Sample.counter("req", Labels.of("service", "api", "instance", "i-1", "path", "/p" + i), atMs, value));
    }
    assertThat(await(fx.engine.accept(Protocol.REMOTE_WRITE, batch, true)).accepted()).isEqualTo(SERIES);
  }

  private double total(Resolution r) {
    List<SeriesCells> cells = await(fx.engine.cells("api", "req", List.of(), T0.minus(Duration.ofDays(2)).toEpochMilli(),
        T0.plus(Duration.ofDays(2)).toEpochMilli(), r));
    assertThat(cells).hasSize(SERIES);
    return cells.stream().flatMap(s -> s.cells().stream()).mapToDouble(MinuteCell::increase).sum();
  }

  @Test
  void aCrashInTheMiddleOfAChunkedCheckpointLosesAndDoublesNothing() throws Exception {
    long t = T0.toEpochMilli();
    sendRound(5, t);
    await(fx.engine.checkpointNow());
    sendRound(8, t + 60_000); // +3 per path, acknowledged; only these cells and baselines changed
    double acknowledged = SERIES * 8.0;

    CountDownLatch inTheMiddle = new CountDownLatch(1);
    Promise<Void> crash = Promise.promise();
    AtomicInteger chunksBeforeCrash = new AtomicInteger();
    sqlite.beforeEachFurtherChunk(n -> {
      if (n < 4) {
        return Future.succeededFuture();
      }
      chunksBeforeCrash.set(n);
      inTheMiddle.countDown();
      return crash.future(); // held here until the "crash"
    });
    Future<Void> checkpoint = fx.engine.checkpointNow();
    assertThat(inTheMiddle.await(30, TimeUnit.SECONDS)).isTrue();
    assertThat(chunksBeforeCrash.get()).isEqualTo(4); // rows of this checkpoint are already in its transaction

    await(fx.engine.halt()); // the engine dies without finishing the checkpoint
    crash.fail("injected: the process died mid-checkpoint"); // its transaction never commits
    assertThat(checkpoint.failed() || !checkpoint.isComplete()).isTrue();
    await(sqlite.close());
    fx.start(); // loads the previous checkpoint and replays the journal after it

    for (Resolution r : Resolution.values()) {
      assertThat(total(r)).as("%s", r).isEqualTo(acknowledged);
    }
    await(fx.engine.checkpointNow());
    fx.restart();
    for (Resolution r : Resolution.values()) {
      assertThat(total(r)).as("%s after a checkpoint and a restart", r).isEqualTo(acknowledged);
    }
  }

  @Test
  void aPeriodicCheckpointWritesOnlyWhatChangedAndLandsExactly() {
    long t = T0.toEpochMilli();
    sendRound(5, t);
    await(fx.engine.checkpointNow());
    AtomicInteger chunks = new AtomicInteger();
    sqlite.beforeEachFurtherChunk(n -> {
      chunks.set(n);
      return Future.succeededFuture();
    });
    // one path changes: the next checkpoint holds its cell and baseline, not the 2,500 unchanged series
    assertThat(await(fx.engine.accept(Protocol.REMOTE_WRITE, List.of(Sample.counter("req",
        Labels.of("service", "api", "instance", "i-1", "path", "/p7"), t + 60_000, 9)), true)).accepted()).isEqualTo(1);
    await(fx.engine.checkpointNow());
    assertThat(chunks.get()).as("chunks after the first").isLessThanOrEqualTo(4); // one row per table at most

    fx.restart();
    for (Resolution r : Resolution.values()) {
      assertThat(total(r)).as("%s", r).isEqualTo(SERIES * 5.0 + 4);
    }
  }
}
