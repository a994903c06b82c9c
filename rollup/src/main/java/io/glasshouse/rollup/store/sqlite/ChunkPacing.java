package io.glasshouse.rollup.store.sqlite;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.function.IntFunction;

/**
 * Paces one checkpoint's writes: rows go to SQLite in chunks of at most {@link #CHUNK_ROWS}, and a paced
 * checkpoint rests after each chunk for as long as the chunk took (capped at {@link #MAX_REST_MS}), so it uses at
 * most about half of a core while ingest shares the machine, and ack latency does not jump while it runs. A
 * checkpoint someone waits for (a requested one, the final one at stop) is not paced. Pacing only spreads the
 * work within the checkpoint's one transaction: what commits, and when it counts, does not change.
 */
final class ChunkPacing {
  static final int CHUNK_ROWS = 1_000;
  static final long MAX_REST_MS = 1_000;

  private final Vertx vertx;
  private final Clock clock;
  private final boolean paced;
  private final IntFunction<Future<Void>> betweenChunks;
  private long owedMs;
  private int chunks;

  /**
   * @param clock measures how long each chunk took (real time in the server: pacing is about CPU, not data time)
   * @param betweenChunks a seam run before every chunk after the first, with the number of chunks written
   */
  ChunkPacing(Vertx vertx, Clock clock, boolean paced, IntFunction<Future<Void>> betweenChunks) {
    this.vertx = vertx;
    this.clock = clock;
    this.paced = paced;
    this.betweenChunks = betweenChunks;
  }

  /** Completes when the next chunk may be written. */
  Future<Void> beforeChunk() {
    Future<Void> rest = Future.succeededFuture();
    if (paced && owedMs > 0) {
      long ms = Math.min(owedMs, MAX_REST_MS);
      owedMs = 0;
      rest = vertx.timer(ms).mapEmpty();
    }
    if (chunks == 0) {
      return rest;
    }
    int written = chunks;
    return rest.compose(v -> betweenChunks.apply(written));
  }

  /** Runs {@code write} as one chunk, timing it. */
  <T> Future<T> chunk(java.util.function.Supplier<Future<T>> write) {
    long start = clock.millis();
    return write.get().andThen(ar -> {
      chunks++;
      owedMs += Math.max(0, clock.millis() - start);
    });
  }

  /** Chunks written so far. */
  int chunks() {
    return chunks;
  }
}
