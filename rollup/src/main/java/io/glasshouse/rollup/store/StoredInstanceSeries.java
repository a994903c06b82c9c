package io.glasshouse.rollup.store;

import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;

/**
 * The engine's memory of one instance's cumulative series: the last value (or buckets) and start time it saw,
 * from which the next increase is computed. {@code labels} are the full sample labels, instance included.
 */
public record StoredInstanceSeries(long id, long seriesId, String metric, Labels labels, double lastValue,
    Buckets lastBuckets, long startMs, long lastTs) {
}
