package io.glasshouse.rollup.store;

import io.vertx.core.Future;
import java.util.Collection;

/**
 * Durable storage of rollups, the instance registry and the engine's per-instance counter state.
 *
 * <p>Contract, checked for every implementation by the contract test suite ({@code RollupStoreContract}):
 * <ul>
 *   <li>{@link #write} applies a whole {@link Checkpoint} in one transaction or not at all. Cell rows are
 *       <em>merged</em> into what is stored for the same series and minute (counter increases and gauge sums and
 *       counts add, min and max combine, {@code last} keeps the reading with the later timestamp, histograms
 *       merge), so the engine only ever writes what changed since the previous checkpoint. Series, instance and
 *       instance-series rows are upserted by id or key. The meta row records the journal sequence and the
 *       generation the checkpoint covers; a checkpoint of a generation already committed changes nothing, so
 *       retries never merge cells twice. Evicted instance series and instances, and retired series with their
 *       cells, are deleted in the same transaction.</li>
 *   <li>{@link #load} returns exactly what committed checkpoints left, for the engine to resume from, with each
 *       series' newest stored minute ({@link StoredSeries#lastMinuteMs()}), so that retirement survives
 *       restarts.</li>
 *   <li>{@link #read} returns stored cells of the given series in [from, to), in ascending minute order, with
 *       the generation of the last checkpoint visible to that read (one consistent snapshot).</li>
 * </ul>
 * Calls never block the caller's thread; implementations run blocking I/O on worker threads.
 */
public interface RollupStore {
  /** Creates the schema if needed. */
  Future<Void> open();

  /** What committed checkpoints left; fails with {@link CorruptStoreException} naming a row it cannot read. */
  Future<StoredState> load();

  /**
   * Writes one checkpoint atomically. Idempotent by generation: a checkpoint whose generation the store already
   * committed changes nothing (a retry after a lost reply must not merge its cells twice), and one that does not
   * follow the stored generation fails. Cells that cannot be stored are quarantined (logged and counted in
   * {@link #quarantinedCells}) and the rest commits.
   */
  Future<Void> write(Checkpoint checkpoint);

  /** Cells dropped since start because they could not be stored (see {@link #write}). */
  default long quarantinedCells() {
    return 0;
  }

  Future<StoredCells> read(Collection<Long> seriesIds, long fromMs, long toMs);

  /** Deletes cells older than {@code beforeMs}; returns how many. */
  Future<Integer> deleteCellsBefore(long beforeMs);

  Future<Void> close();
}
