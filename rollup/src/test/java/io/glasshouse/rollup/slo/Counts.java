package io.glasshouse.rollup.slo;

import java.time.Instant;

/** Builds {@link MinuteCounts} for tests: set good/total per minute. */
final class Counts {
  private final long startMs;
  private final double[] good;
  private final double[] total;

  Counts(long fromMs, long toMs) {
    this.startMs = fromMs;
    int n = (int) ((toMs - fromMs) / 60_000);
    good = new double[n];
    total = new double[n];
  }

  static Counts covering(SloDefinition d, long asOfMs) {
    long[] r = SloEvaluator.range(d, asOfMs);
    return new Counts(r[0], r[1]);
  }

  Counts at(Instant minute, double goodEvents, double totalEvents) {
    return at(minute.toEpochMilli(), goodEvents, totalEvents);
  }

  Counts at(long minuteMs, double goodEvents, double totalEvents) {
    int i = (int) ((minuteMs - startMs) / 60_000);
    good[i] = goodEvents;
    total[i] = totalEvents;
    return this;
  }

  /** Every minute in [fromMs, toMs) with these counts. */
  Counts each(long fromMs, long toMs, double goodEvents, double totalEvents) {
    for (long m = fromMs; m < toMs; m += 60_000) {
      at(m, goodEvents, totalEvents);
    }
    return this;
  }

  MinuteCounts build() {
    return MinuteCounts.of(startMs, good, total);
  }
}
