package io.glasshouse.rollup.query;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;

/**
 * Where the CPU-heavy part of a read runs (merging minute histograms, folding many cells): inline on the calling
 * thread while it is small, otherwise on the shared worker pool {@value #POOL}, so a large read never stalls an
 * event loop. "Small" is at most {@value #INLINE_HISTOGRAM_CELLS} cells holding a histogram and at most
 * {@value #INLINE_CELLS} cells in all.
 */
public final class ReadWork {
  /** Name of the shared worker pool for large reads. */
  public static final String POOL = "glasshouse-read";
  /** Threads of that pool. */
  public static final int POOL_SIZE = 2;
  /** Histogram cells merged inline at most; a packed-histogram merge costs microseconds each. */
  public static final int INLINE_HISTOGRAM_CELLS = 64;
  /** Cells folded inline at most. */
  public static final int INLINE_CELLS = 20_000;

  private ReadWork() {
  }

  /** Whether work over {@code cells} cells, {@code histogramCells} of them with histograms, runs inline. */
  public static boolean inline(long cells, long histogramCells) {
    return histogramCells <= INLINE_HISTOGRAM_CELLS && cells <= INLINE_CELLS;
  }

  /**
   * Runs {@code work} inline when {@link #inline} (or when {@code vertx} is null: tools and tests), otherwise
   * on the {@value #POOL} pool; the future completes on the caller's context either way.
   */
  public static <T> Future<T> run(Vertx vertx, long cells, long histogramCells, Callable<T> work) {
    if (vertx == null || inline(cells, histogramCells)) {
      try {
        return Future.succeededFuture(work.call());
      } catch (Exception e) {
        return Future.failedFuture(e);
      }
    }
    WorkerExecutor pool = vertx.createSharedWorkerExecutor(POOL, POOL_SIZE);
    return pool.executeBlocking(work, false).eventually(pool::close);
  }
}
