package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.store.Checkpoint;
import io.glasshouse.rollup.store.RollupStore;
import io.glasshouse.rollup.store.StoredCells;
import io.glasshouse.rollup.store.StoredState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fault injection around a real store: the next writes can be made to fail before they reach the store, or to
 * commit and then report a failure (a reply lost after the commit).
 */
final class FaultyStore implements RollupStore {
  private final RollupStore delegate;
  final AtomicInteger failBefore = new AtomicInteger();
  final AtomicInteger failAfterCommit = new AtomicInteger();
  final AtomicInteger writes = new AtomicInteger();
  /** Rewrites each checkpoint before the real store sees it, e.g. to hand it a cell it cannot hold. */
  volatile java.util.function.UnaryOperator<Checkpoint> rewrite = c -> c;
  private volatile Promise<Void> failed = Promise.promise();

  FaultyStore(RollupStore delegate) {
    this.delegate = delegate;
  }

  /** Completes when a write has been made to fail (since the last {@link #resetFailed}). */
  Future<Void> failed() {
    return failed.future();
  }

  void resetFailed() {
    failed = Promise.promise();
  }

  @Override
  public Future<Void> open() {
    return delegate.open();
  }

  @Override
  public Future<StoredState> load() {
    return delegate.load();
  }

  @Override
  public Future<Void> write(Checkpoint checkpoint) {
    writes.incrementAndGet();
    if (failBefore.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      failed.tryComplete();
      return Future.failedFuture("injected: store unavailable");
    }
    Future<Void> w = delegate.write(rewrite.apply(checkpoint));
    if (failAfterCommit.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      return w.transform(ar -> {
        failed.tryComplete();
        return Future.failedFuture("injected: connection lost after the commit");
      });
    }
    return w;
  }

  @Override
  public Future<StoredCells> read(Collection<Long> seriesIds, long fromMs, long toMs) {
    return delegate.read(seriesIds, fromMs, toMs);
  }

  @Override
  public Future<StoredCells> read(Collection<Long> seriesIds, long fromMs, long toMs,
      io.glasshouse.rollup.series.Resolution resolution) {
    return delegate.read(seriesIds, fromMs, toMs, resolution);
  }

  @Override
  public Future<Integer> deleteCellsBefore(long beforeMs) {
    return delegate.deleteCellsBefore(beforeMs);
  }

  @Override
  public Future<Integer> deleteCellsBefore(io.glasshouse.rollup.series.Resolution resolution, long beforeMs,
      int maxCells) {
    return delegate.deleteCellsBefore(resolution, beforeMs, maxCells);
  }

  @Override
  public long quarantinedCells() {
    return delegate.quarantinedCells();
  }

  @Override
  public Future<Void> close() {
    return delegate.close();
  }
}
