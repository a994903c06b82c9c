package io.glasshouse.rollup.engine;

import static io.glasshouse.rollup.engine.EngineFixture.T0;
import static io.glasshouse.rollup.engine.EngineFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.ingest.IngestResult;
import io.glasshouse.rollup.ingest.OverloadedException;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Protocol;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesCells;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reads stay exact while checkpoints land, fail and are retried; stopping completes every waiter; readiness
 * follows the health of checkpoints and of the journal. The store is the real SQLite store behind a fault
 * injector that can fail or hold writes and hold reads.
 */
class CheckpointLifecycleTest {
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
    store.failWrites = false;
    fx.engine.beforeJournalForce = () -> { };
    if (fx.engine != null) {
      await(fx.engine.close());
    }
    await(fx.store.close());
    await(vertx.close());
  }

  private static Labels labels(String instance) {
    return Labels.of("service", "api", "instance", instance, "status", "200");
  }

  private IngestResult send(double delta) {
    return await(fx.engine.accept(Protocol.REMOTE_WRITE,
        List.of(Sample.deltaCounter("req", labels("a"), T0.toEpochMilli(), delta)), true));
  }

  private Future<List<SeriesCells>> readAsync() {
    return fx.engine.cells("api", "req", List.of(), T0.minusSeconds(3600).toEpochMilli(),
        T0.plusSeconds(3600).toEpochMilli());
  }

  private static double total(List<SeriesCells> series) {
    return series.stream().flatMap(s -> s.cells().stream()).mapToDouble(MinuteCell::increase).sum();
  }

  private static Throwable failureOf(Future<?> f) {
    try {
      f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      return e.getCause();
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
    throw new AssertionError("future succeeded; expected a failure");
  }

  @Test
  void aCheckpointLandingBetweenTheSnapshotAndTheStoreReadIsNotCountedTwice() {
    send(2);
    await(fx.engine.checkpointNow());
    send(3); // in memory only; no checkpoint in flight
    FaultInjectingStore.Gate read = store.holdNextRead();
    Future<List<SeriesCells>> r = readAsync();
    read.awaitReached(); // the read took its snapshot: generation g, 3 in memory

    await(fx.engine.checkpointNow()); // generation g+1 commits the 3 to the store
    read.release();

    assertThat(total(await(r))).isEqualTo(5);
  }

  @Test
  void cellsOfAFailedCheckpointStayReadableUntilItsRetryCommits() {
    send(2);
    store.failWrites = true;
    Throwable t = failureOf(fx.engine.checkpointNow());
    assertThat(t).hasMessageContaining("failed").hasMessageContaining("retried");
    assertThat(store.writesFailed.get()).isPositive();
    assertThat(total(await(readAsync()))).isEqualTo(2);
    send(3);
    assertThat(total(await(readAsync()))).isEqualTo(5);

    store.failWrites = false;
    FaultInjectingStore.Gate write = store.holdNextWrite();
    Future<Void> retry = fx.engine.checkpointNow();
    write.awaitReached(); // the retry is being written
    assertThat(total(await(readAsync()))).isEqualTo(5);
    write.release();
    await(retry);
    assertThat(total(await(readAsync()))).isEqualTo(5);
    await(fx.engine.checkpointNow());
    assertThat(total(await(readAsync()))).isEqualTo(5);
  }

  @Test
  void readinessIsLostWhileCheckpointsFailAndComesBackWhenOneCommits() {
    send(1);
    assertThat(fx.engine.ready()).isTrue();
    store.failWrites = true;
    failureOf(fx.engine.checkpointNow());
    assertThat(fx.engine.ready()).isFalse();
    assertThat(send(1).accepted()).isEqualTo(1); // the journal still takes ingest

    store.failWrites = false;
    await(fx.engine.checkpointNow());
    assertThat(fx.engine.ready()).isTrue();
  }

  @Test
  void aJournalThatCannotBeForcedMakesTheEngineUnreadyAndRefuseIngestUntilRestart() {
    send(1);
    fx.engine.beforeJournalForce = () -> {
      throw new java.io.UncheckedIOException(new java.io.IOException("injected: fsync failed"));
    };
    Throwable t = failureOf(fx.engine.accept(Protocol.REMOTE_WRITE,
        List.of(Sample.deltaCounter("req", labels("a"), T0.toEpochMilli(), 1)), true));
    assertThat(t).isInstanceOf(OverloadedException.class).hasMessageContaining("storage failed");
    assertThat(fx.engine.ready()).isFalse();
    assertThat(failureOf(fx.engine.accept(Protocol.REMOTE_WRITE,
        List.of(Sample.deltaCounter("req", labels("a"), T0.toEpochMilli(), 1)), true)))
        .hasMessageContaining("must be restarted");

    fx.crashAndRestart(); // a failed fsync leaves the page cache unknown: only a restart (replay) recovers
    assertThat(fx.engine.ready()).isTrue();
    assertThat(send(1).accepted()).isEqualTo(1);
  }

  @Test
  void closeStopsEvenWhenTheFinalCheckpointFailsAndTheJournalKeepsTheData() {
    send(4);
    store.failWrites = true;
    await(fx.engine.close());
    store.failWrites = false;
    await(fx.store.close());
    fx.start();
    assertThat(total(await(readAsync()))).isEqualTo(4);
  }

  @Test
  void checkpointWaitersAreFailedWhenTheEngineHalts() {
    send(1);
    FaultInjectingStore.Gate write = store.holdNextWrite();
    Future<Void> first = fx.engine.checkpointNow();
    write.awaitReached();
    Future<Void> second = fx.engine.checkpointNow();
    await(fx.engine.halt());
    assertThat(failureOf(first)).hasMessageContaining("stopped");
    assertThat(failureOf(second)).hasMessageContaining("stopped");
    write.release();
    // a checkpoint asked for after the stop fails at once instead of throwing or hanging
    assertThat(failureOf(fx.engine.checkpointNow())).hasMessageContaining("stopped");
    await(fx.store.close());
    fx.start();
  }
}
