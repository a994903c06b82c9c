package io.glasshouse.rollup.slo;

import io.vertx.core.Future;
import java.util.Collection;

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

  /**
   * The counts SLO {@code d} needs over [fromMs, toMs) ({@link SloEvaluator#range}), where {@code toMs} is the
   * evaluation time. A source may answer parts the SLO only sums over whole hours or days from coarser cells (see
   * {@link MinuteCounts#fineFromMs()}). The default reads every minute.
   */
  default Future<MinuteCounts> counts(SloDefinition d, long fromMs, long toMs) {
    return counts(d.service(), d.sli(), fromMs, toMs);
  }

  /** The SLOs defined from now on: a source that caches may forget what only other SLOs used. */
  default void retain(Collection<SloDefinition> definitions) {
  }
}
