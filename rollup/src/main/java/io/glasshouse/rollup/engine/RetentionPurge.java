package io.glasshouse.rollup.engine;

import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.store.RollupStore;
import io.vertx.core.Future;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes cells older than their resolution's retention ({@link RollupConfig#retention(Resolution)}), minutes,
 * then hours, then days, in batches of at most {@value #BATCH} cells, each its own short store transaction. It
 * runs on the store's completion threads, never on the writer thread, and a checkpoint waits behind at most one
 * batch, so a large purge (the first after a long outage, or after lowering a retention) never starves ingest or
 * checkpoints. At most one purge runs at a time; a purge asked for while one runs is skipped (the next hourly
 * one catches up).
 */
final class RetentionPurge {
  private static final Logger LOG = LoggerFactory.getLogger(RetentionPurge.class);
  /** Cells deleted per transaction at most. */
  static final int BATCH = 5_000;

  private final RollupStore store;
  private final RollupConfig config;
  private volatile Future<Map<Resolution, Long>> running = Future.succeededFuture(Map.of());
  private volatile boolean stopped;

  RetentionPurge(RollupStore store, RollupConfig config) {
    this.store = store;
    this.config = config;
  }

  /** Starts a purge of what is older than each retention at {@code nowMs}, unless one is running. */
  Future<Map<Resolution, Long>> purge(long nowMs) {
    if (!running.isComplete() || stopped) {
      return running;
    }
    Map<Resolution, Long> deleted = new EnumMap<>(Resolution.class);
    Future<Void> f = Future.succeededFuture();
    for (Resolution r : Resolution.values()) {
      long before = nowMs - config.retention(r).toMillis();
      f = f.compose(v -> batches(r, before, 0).map(n -> {
        deleted.put(r, n);
        return null;
      }));
    }
    Future<Map<Resolution, Long>> done = f.map(v -> {
      if (deleted.values().stream().anyMatch(n -> n > 0)) {
        LOG.info("retention: deleted {} minute, {} hour and {} day cells", deleted.get(Resolution.MINUTE),
            deleted.get(Resolution.HOUR), deleted.get(Resolution.DAY));
      }
      return Map.copyOf(deleted);
    }).onFailure(e -> LOG.warn("retention purge failed (the next hourly purge tries again): {}", e.toString()));
    running = done;
    return done;
  }

  /** The purge running or last run. */
  Future<Map<Resolution, Long>> last() {
    return running;
  }

  /**
   * Lets the running purge finish its current batch and stop, and starts no more; completes when it has stopped
   * (so the store can be closed under no purge). What is left is purged after the next start.
   */
  Future<Void> stop() {
    stopped = true;
    return running.<Void>mapEmpty().otherwiseEmpty();
  }

  private Future<Long> batches(Resolution r, long beforeMs, long sofar) {
    if (stopped) {
      return Future.succeededFuture(sofar);
    }
    return store.deleteCellsBefore(r, beforeMs, BATCH)
        .compose(n -> n < BATCH ? Future.succeededFuture(sofar + n) : batches(r, beforeMs, sofar + n));
  }
}
