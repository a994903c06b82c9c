package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.store.Checkpoint;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.StoredCells;
import io.glasshouse.rollup.store.StoredState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Collection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A fault injector around a real store (not a mock: every call that goes through does what the real store
 * does). Checkpoint writes can be made to fail, or be held before they reach the store; the next read can be
 * held after the engine issued it and before it reaches the store.
 */
final class FaultInjectingStore implements RollupStore {
  private final RollupStore real;
  volatile boolean failWrites;
  final AtomicInteger writesFailed = new AtomicInteger();
  final AtomicInteger writesCommitted = new AtomicInteger();
  /** One permit per read the real store answered (released before the caller's own handlers run). */
  final java.util.concurrent.Semaphore readsAnswered = new java.util.concurrent.Semaphore(0);
  private final AtomicReference<Gate> writeGate = new AtomicReference<>();
  private final AtomicReference<Gate> readGate = new AtomicReference<>();

  /** A held call: {@link #reached} counts down when the call arrives; {@link #release()} lets it go on. */
  static final class Gate {
    final CountDownLatch reached = new CountDownLatch(1);
    private final Promise<Void> open = Promise.promise();

    void release() {
      open.tryComplete();
    }

    void awaitReached() {
      try {
        if (!reached.await(30, java.util.concurrent.TimeUnit.SECONDS)) {
          throw new AssertionError("the held call never arrived");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  FaultInjectingStore(RollupStore real) {
    this.real = real;
  }

  /** Holds the next checkpoint write until the returned gate is released. */
  Gate holdNextWrite() {
    Gate g = new Gate();
    writeGate.set(g);
    return g;
  }

  /** Holds the next read until the returned gate is released. */
  Gate holdNextRead() {
    Gate g = new Gate();
    readGate.set(g);
    return g;
  }

  @Override
  public Future<Void> open() {
    return real.open();
  }

  @Override
  public Future<StoredState> load() {
    return real.load();
  }

  @Override
  public Future<Void> write(Checkpoint checkpoint) {
    Gate g = writeGate.getAndSet(null);
    Future<Void> go = Future.succeededFuture();
    if (g != null) {
      g.reached.countDown();
      go = g.open.future();
    }
    return go.compose(v -> {
      if (failWrites) {
        writesFailed.incrementAndGet();
        return Future.failedFuture(new java.io.IOException("injected: disk unavailable"));
      }
      return real.write(checkpoint).onSuccess(x -> writesCommitted.incrementAndGet());
    });
  }

  @Override
  public Future<StoredCells> read(Collection<Long> seriesIds, long fromMs, long toMs) {
    return read(seriesIds, fromMs, toMs, io.glasshouse.rollup.series.Resolution.MINUTE);
  }

  @Override
  public Future<StoredCells> read(Collection<Long> seriesIds, long fromMs, long toMs,
      io.glasshouse.rollup.series.Resolution resolution) {
    Gate g = readGate.getAndSet(null);
    if (g == null) {
      return real.read(seriesIds, fromMs, toMs, resolution).onSuccess(x -> readsAnswered.release());
    }
    g.reached.countDown();
    return g.open.future().compose(v -> real.read(seriesIds, fromMs, toMs, resolution))
        .onSuccess(x -> readsAnswered.release());
  }

  @Override
  public Future<Integer> deleteCellsBefore(long beforeMs) {
    return real.deleteCellsBefore(beforeMs);
  }

  @Override
  public Future<Integer> deleteCellsBefore(io.glasshouse.rollup.series.Resolution resolution, long beforeMs,
      int maxCells) {
    return real.deleteCellsBefore(resolution, beforeMs, maxCells);
  }

  @Override
  public Future<Void> close() {
    return real.close();
  }
}
