package io.glasshouse.rollup.store;

import java.util.List;

/**
 * What committed checkpoints left: the engine resumes from it and replays the journal after {@code journalSeq}.
 * {@code pendingParts} are the last checkpoint's half-arrived classic-histogram scrapes.
 */
public record StoredState(long journalSeq, long generation, long historyStartMs, List<StoredSeries> series,
    List<StoredInstance> instances, List<StoredInstanceSeries> instanceSeries, List<StoredPendingParts> pendingParts) {

  /** A state without pending histogram scrapes. */
  public StoredState(long journalSeq, long generation, long historyStartMs, List<StoredSeries> series,
      List<StoredInstance> instances, List<StoredInstanceSeries> instanceSeries) {
    this(journalSeq, generation, historyStartMs, series, instances, instanceSeries, List.of());
  }

  public static StoredState empty() {
    return new StoredState(0, 0, 0, List.of(), List.of(), List.of());
  }
}
