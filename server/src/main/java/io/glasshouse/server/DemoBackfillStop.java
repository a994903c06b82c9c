package io.glasshouse.server;

import io.glasshouse.demo.BackfillReport;
import io.glasshouse.demo.DemoBackfill;
import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * The demo's history backfill as a part the server stops on shutdown: {@link #stop()} ends a running backfill
 * (its future completes once the run has ended) and keeps one that has not begun from starting. Thread-safe.
 */
final class DemoBackfillStop {
  private DemoBackfill.Running running;
  private boolean stopped;

  /** Starts the backfill unless the server is already stopping; its result (failed when stopped). */
  synchronized Future<BackfillReport> start(Supplier<DemoBackfill.Running> starter) {
    if (stopped) {
      return Future.failedFuture(new IllegalStateException("the server is shutting down"));
    }
    running = starter.get();
    return running.result();
  }

  /** Stops the backfill; completes once it has ended (at once when none runs). Never fails. */
  Future<Void> stop() {
    DemoBackfill.Running r;
    synchronized (this) {
      stopped = true;
      r = running;
    }
    return r == null ? Future.succeededFuture() : r.stop();
  }

  /** The running backfill, or null (tests). */
  synchronized DemoBackfill.Running running() {
    return running;
  }
}
