package io.glasshouse.rollup.query;

import io.glasshouse.rollup.series.LatencyHistograms;
import io.glasshouse.rollup.series.MinuteCell;
import org.HdrHistogram.Histogram;

/**
 * Histogram functions over a window. {@code count} and {@code sum} add the cells' fields; {@code quantile} and
 * {@code fraction_le} merge the minute histograms into a fresh one (cells are never touched).
 *
 * <p>Precision ({@link LatencyHistograms}: 2 significant digits, so each bucket, an "equivalence range", is at
 * most 1/128 of its values wide, under 1%):
 * <ul>
 *   <li>a quantile interpolates linearly between recorded values like Prometheus's {@code histogram_quantile}
 *       interpolates inside a bucket ({@link LatencyHistograms#quantileMicros}); for bucketed input it equals
 *       Prometheus's answer within 1% when the bucket below the quantile's bucket has observations;
 *   <li>{@code fraction_le} counts {@code getCountBetweenValues(0, toMicros(threshold))}: every value in the
 *       threshold's bucket counts as at or below it. It is exact when the threshold in microseconds is the top
 *       of its bucket ({@code highestEquivalentValue(t) == t}); otherwise values above the threshold by less
 *       than the bucket width (under 1%) are counted too, so the fraction can only be over-reported by those.
 *       Example: {@code threshold=0.25} is 250000 µs, whose bucket is [249856, 250879] µs, so values up to
 *       250.879 ms count as "at or below 250 ms". Thresholds are rounded to whole microseconds.
 * </ul>
 */
final class HistogramWindow extends WindowAccumulator {
  private final Aggregation aggregation;
  private final boolean needsHistogram;
  private long count;
  private double sum;
  private Histogram merged;

  HistogramWindow(Aggregation aggregation) {
    this.aggregation = aggregation;
    QueryFunction f = aggregation.function();
    this.needsHistogram = f == QueryFunction.QUANTILE || f == QueryFunction.FRACTION_LE;
  }

  @Override
  void add(MinuteCell cell, int series) {
    count += cell.count();
    sum += cell.sum();
    if (needsHistogram && cell.histogram() != null && cell.histogram().getTotalCount() > 0) {
      if (merged == null) {
        merged = LatencyHistograms.create();
      }
      merged.add(cell.histogram());
    }
  }

  @Override
  double value() {
    return switch (aggregation.function()) {
      case COUNT -> count;
      case SUM -> sum;
      case QUANTILE -> merged == null ? Double.NaN
          : LatencyHistograms.quantileMicros(merged, aggregation.q()) / 1e6;
      case FRACTION_LE -> merged == null ? Double.NaN : fractionAtOrBelow(merged, aggregation.thresholdSeconds());
      default -> throw new IllegalStateException(aggregation.function() + " is not a histogram function");
    };
  }

  /** Fraction of {@code h}'s values at or below {@code thresholdSeconds}, with the precision documented above. */
  static double fractionAtOrBelow(Histogram h, double thresholdSeconds) {
    long total = h.getTotalCount();
    if (total == 0) {
      return Double.NaN;
    }
    return (double) h.getCountBetweenValues(0, LatencyHistograms.toMicros(thresholdSeconds)) / total;
  }
}
