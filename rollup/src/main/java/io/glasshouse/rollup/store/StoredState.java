package io.glasshouse.rollup.store;

import java.util.List;

/** What committed checkpoints left: the engine resumes from it and replays the journal after {@code journalSeq}. */
public record StoredState(long journalSeq, long generation, long historyStartMs, List<StoredSeries> series,
    List<StoredInstance> instances, List<StoredInstanceSeries> instanceSeries) {

  public static StoredState empty() {
    return new StoredState(0, 0, 0, List.of(), List.of(), List.of());
  }
}
