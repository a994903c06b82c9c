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
 * @param pendingParts every classic-histogram scrape still waiting for parts at capture time; replaces what the
 *     previous checkpoint stored (restored on start before the journal after {@code journalSeq} is replayed)
 */
public record Checkpoint(long journalSeq, long generation, long historyStartMs, List<StoredSeries> newSeries,
    List<CellRow> cells, List<StoredInstance> instances, List<StoredInstanceSeries> instanceSeries,
    List<Long> evictedInstanceSeries, List<StoredInstance> evictedInstances, List<Long> retiredSeries,
    List<StoredPendingParts> pendingParts) {

  /** A checkpoint that leaves no histogram scrape pending. */
  public Checkpoint(long journalSeq, long generation, long historyStartMs, List<StoredSeries> newSeries,
      List<CellRow> cells, List<StoredInstance> instances, List<StoredInstanceSeries> instanceSeries,
      List<Long> evictedInstanceSeries, List<StoredInstance> evictedInstances, List<Long> retiredSeries) {
    this(journalSeq, generation, historyStartMs, newSeries, cells, instances, instanceSeries, evictedInstanceSeries,
        evictedInstances, retiredSeries, List.of());
  }

  /** A checkpoint that retires no series and leaves no histogram scrape pending. */
  public Checkpoint(long journalSeq, long generation, long historyStartMs, List<StoredSeries> newSeries,
      List<CellRow> cells, List<StoredInstance> instances, List<StoredInstanceSeries> instanceSeries,
      List<Long> evictedInstanceSeries, List<StoredInstance> evictedInstances) {
    this(journalSeq, generation, historyStartMs, newSeries, cells, instances, instanceSeries, evictedInstanceSeries,
        evictedInstances, List.of());
  }
}
