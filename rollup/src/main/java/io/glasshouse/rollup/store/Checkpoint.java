package io.glasshouse.rollup.store;

import java.util.List;

/**
 * Everything the engine changed since the previous checkpoint, up to and including journal record
 * {@code journalSeq}.
 *
 * @param generation increases by one with every checkpoint
 * @param historyStartMs when this store first received data (kept from the first checkpoint on)
 * @param evictedInstanceSeries ids of instance series the engine forgot (their instance went silent); deleted
 * @param evictedInstances instances the registry forgot (unseen for the instance retention), by service and
 *     instance; deleted
 * @param retiredSeries ids of rollup series the engine retired (no data within the retention, no instance
 *     feeding them); deleted with any cells left, so they no longer count against the series limits
 */
public record Checkpoint(long journalSeq, long generation, long historyStartMs, List<StoredSeries> newSeries,
    List<CellRow> cells, List<StoredInstance> instances, List<StoredInstanceSeries> instanceSeries,
    List<Long> evictedInstanceSeries, List<StoredInstance> evictedInstances, List<Long> retiredSeries) {

  /** A checkpoint that retires no series. */
  public Checkpoint(long journalSeq, long generation, long historyStartMs, List<StoredSeries> newSeries,
      List<CellRow> cells, List<StoredInstance> instances, List<StoredInstanceSeries> instanceSeries,
      List<Long> evictedInstanceSeries, List<StoredInstance> evictedInstances) {
    this(journalSeq, generation, historyStartMs, newSeries, cells, instances, instanceSeries, evictedInstanceSeries,
        evictedInstances, List.of());
  }
}
