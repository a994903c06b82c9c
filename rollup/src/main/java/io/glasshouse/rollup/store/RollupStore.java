package io.glasshouse.rollup.store;

import io.glasshouse.rollup.series.Resolution;
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
 *       cells, are deleted in the same transaction, and the checkpoint's pending classic-histogram scrapes
 *       ({@link Checkpoint#pendingParts()}) replace the stored ones.</li>
 *   <li><b>Downsampling.</b> Beside the minute cells the store keeps hour and day cells ({@link Resolution}).
 *       {@link #write} merges every minute cell it merges into the cell of its hour and of its day, in the same
 *       transaction and under the same generation check, so hour and day cells always equal the merge of the
 *       minutes written into them: never half-applied, never merged twice by a retry, late minutes included. (A
 *       cell quarantined at one resolution is left out of that resolution only.) Minutes that later leave the
 *       minute retention stay counted in their hour and day.</li>
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

  /**
   * As {@link #write}, for a checkpoint nobody waits for (the engine's periodic ones): the store may spread its
   * work out so that it does not starve ingest of CPU or disk. Same contract; the default does not pace.
   */
  default Future<Void> writePaced(Checkpoint checkpoint) {
    return write(checkpoint);
  }

  /** Cells dropped since start because they could not be stored (see {@link #write}). */
  default long quarantinedCells() {
    return 0;
  }

  /** Minute cells; the same as {@code read(seriesIds, fromMs, toMs, Resolution.MINUTE)}. */
  Future<StoredCells> read(Collection<Long> seriesIds, long fromMs, long toMs);

  /**
   * Stored cells of {@code resolution} whose start lies in [from, to), ascending by series and start, with the
   * generation of the checkpoint the read saw. Each {@link CellRow}'s {@code minuteMs} is the start of its hour or
   * day. The default answers minutes only; every real store implements all resolutions.
   */
  default Future<StoredCells> read(Collection<Long> seriesIds, long fromMs, long toMs, Resolution resolution) {
    return resolution == Resolution.MINUTE ? read(seriesIds, fromMs, toMs)
        : Future.failedFuture(new UnsupportedOperationException(getClass().getSimpleName() + " keeps no "
            + resolution.name().toLowerCase(java.util.Locale.ROOT) + " cells"));
  }

  /** Deletes minute cells older than {@code beforeMs} in one go; returns how many. */
  Future<Integer> deleteCellsBefore(long beforeMs);

  /**
   * Deletes at most {@code maxCells} cells of {@code resolution} starting before {@code beforeMs}, in one short
   * transaction; returns how many. Callers purge in batches until fewer than {@code maxCells} go, so a large purge
   * never holds the store's writer for long. The default handles minutes only (in one go).
   */
  default Future<Integer> deleteCellsBefore(Resolution resolution, long beforeMs, int maxCells) {
    return resolution == Resolution.MINUTE ? deleteCellsBefore(beforeMs) : Future.succeededFuture(0);
  }

  Future<Void> close();
}
