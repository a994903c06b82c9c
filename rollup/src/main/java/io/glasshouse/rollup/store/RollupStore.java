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
 *       generation the checkpoint covers. Evicted instance series and instances, and retired series with their
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

  Future<StoredState> load();

  Future<Void> write(Checkpoint checkpoint);

  Future<StoredCells> read(Collection<Long> seriesIds, long fromMs, long toMs);

  /** Deletes cells older than {@code beforeMs}; returns how many. */
  Future<Integer> deleteCellsBefore(long beforeMs);

  Future<Void> close();
}
