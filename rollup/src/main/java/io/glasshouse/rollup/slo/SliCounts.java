package io.glasshouse.rollup.slo;

import io.vertx.core.Future;

/**
 * Where an SLO's per-minute good and total events come from. The evaluator depends only on this, so the source
 * can change (minute cells, hour and day downsamples, a cache) without changing the maths.
 *
 * <p>Contract: the answer covers exactly [fromMs, toMs) (minute boundaries), reflects every acknowledged sample
 * (as {@code series.RollupReader} does), never reads from the ingest writer thread and never blocks the caller.
 * An unknown service or metric is no events, not an error.
 */
public interface SliCounts {
  Future<MinuteCounts> counts(String service, Sli sli, long fromMs, long toMs);
}
