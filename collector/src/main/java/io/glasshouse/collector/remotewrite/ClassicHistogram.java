package io.glasshouse.collector.remotewrite;

import io.glasshouse.collector.validate.Reasons;
import io.glasshouse.collector.validate.RejectionTally;
import io.glasshouse.collector.validate.SampleValidator;
import io.glasshouse.rollup.sample.Buckets;
import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.Sample;
import io.glasshouse.rollup.sample.Temporality;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code _bucket}, {@code _sum} and {@code _count} values of one classic histogram (one family, label set
 * and timestamp) collected from a request, turned into one histogram sample when complete.
 */
final class ClassicHistogram {
  private double[] bounds = new double[16];
  private double[] cumulative = new double[16];
  private String[] leText = new String[16];
  private int buckets;
  private double sum = Double.NaN;
  private double count = Double.NaN;
  private boolean hasSum;
  private boolean hasCount;
  private String badLe;

  void addBucket(String le, double cumulativeCount) {
    if (buckets == bounds.length) {
      bounds = Arrays.copyOf(bounds, buckets * 2);
      cumulative = Arrays.copyOf(cumulative, buckets * 2);
      leText = Arrays.copyOf(leText, buckets * 2);
    }
    double bound = parseLe(le);
    if (Double.isNaN(bound) && badLe == null) {
      badLe = le;
    }
    bounds[buckets] = bound;
    cumulative[buckets] = cumulativeCount;
    leText[buckets++] = le;
  }

  void setSum(double v) {
    sum = v;
    hasSum = true;
  }

  void setCount(double v) {
    count = v;
    hasCount = true;
  }

  private int parts() {
    return buckets + (hasSum ? 1 : 0) + (hasCount ? 1 : 0);
  }

  /** Appends the histogram sample, or its parts as counters when buckets or the count are missing. */
  void emit(String base, Labels labels, long ts, List<Sample> out, RejectionTally tally) {
    if (buckets == 0 || !hasCount) {
      emitParts(base, labels, ts, out);
      return;
    }
    String series = base + labels;
    if (badLe != null) {
      tally.reject(Reasons.INVALID_BUCKETS, parts(), "histogram " + series + " has bucket le=\"" + badLe
          + "\", which is not a number; use decimal upper bounds and \"+Inf\"");
      return;
    }
    if (!Double.isFinite(count) || (hasSum && !Double.isFinite(sum))) {
      tally.reject(Reasons.NON_FINITE_VALUE, parts(), "histogram " + series + " has a non-finite _sum or _count");
      return;
    }
    sortByBound();
    int finite = 0;
    while (finite < buckets && bounds[finite] != Double.POSITIVE_INFINITY) {
      finite++;
    }
    double[] upper = Arrays.copyOf(bounds, finite);
    long[] counts = new long[finite + 1];
    double previous = 0;
    for (int i = 0; i < finite; i++) {
      double c = cumulative[i];
      if (!Double.isFinite(c) || c < previous || (i > 0 && upper[i] == upper[i - 1])) {
        tally.reject(Reasons.INVALID_BUCKETS, parts(), "histogram " + series + " has bucket le=\"" + leText[i]
            + "\" with cumulative count " + c + " below the previous bucket's " + previous
            + " (or a repeated le); send cumulative counts that never decrease with le");
        return;
      }
      counts[i] = Math.round(c - previous);
      previous = c;
    }
    if (count < previous) {
      tally.reject(Reasons.INVALID_BUCKETS, parts(), "histogram " + series + " has _count " + count
          + " below its largest finite bucket's cumulative count " + previous);
      return;
    }
    if (count > SampleValidator.MAX_COUNT) {
      tally.reject(Reasons.COUNT_OUT_OF_RANGE, parts(), "histogram " + series + " has _count " + count
          + ", above 2^53 = " + SampleValidator.MAX_COUNT + "; restart the counter");
      return;
    }
    counts[finite] = Math.round(count - previous);
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    out.add(Sample.histogram(base, labels, ts, Temporality.CUMULATIVE,
        new Buckets(upper, counts, total, hasSum ? sum : 0)));
  }

  private void emitParts(String base, Labels labels, long ts, List<Sample> out) {
    for (int i = 0; i < buckets; i++) {
      out.add(Sample.counter(base + "_bucket", labels.with("le", leText[i]), ts, cumulative[i]));
    }
    if (hasSum) {
      out.add(Sample.counter(base + "_sum", labels, ts, sum));
    }
    if (hasCount) {
      out.add(Sample.counter(base + "_count", labels, ts, count));
    }
  }

  /** Insertion sort: senders almost always send buckets in order already, so this is linear. */
  private void sortByBound() {
    for (int i = 1; i < buckets; i++) {
      double b = bounds[i];
      double c = cumulative[i];
      String t = leText[i];
      int j = i - 1;
      while (j >= 0 && bounds[j] > b) {
        bounds[j + 1] = bounds[j];
        cumulative[j + 1] = cumulative[j];
        leText[j + 1] = leText[j];
        j--;
      }
      bounds[j + 1] = b;
      cumulative[j + 1] = c;
      leText[j + 1] = t;
    }
  }

  /** A Prometheus {@code le} value: a decimal or {@code +Inf}; NaN when it is neither. */
  static double parseLe(String le) {
    switch (le) {
      case "+Inf", "Inf", "+inf", "inf" -> {
        return Double.POSITIVE_INFINITY;
      }
      default -> {
        try {
          double d = Double.parseDouble(le);
          return Double.isInfinite(d) && d < 0 ? Double.NaN : d;
        } catch (NumberFormatException e) {
          return Double.NaN;
        }
      }
    }
  }
}
