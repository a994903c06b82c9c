package io.glasshouse.rollup.query;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.LatencyHistograms;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.SeriesKey;
import java.time.Instant;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Hand-built minute cells for query tests. Minute 0 is {@link #T0}. */
final class Cells {
  static final long T0 = Instant.parse("2026-05-01T12:00:00Z").toEpochMilli();
  static final long MIN = 60_000;

  private Cells() {
  }

  static long minute(int m) {
    return T0 + m * MIN;
  }

  static MinuteCell counter(int m, double increase) {
    return new MinuteCell(minute(m), increase, 0, 0, 0, 0, 0, null);
  }

  static MinuteCell gauge(int m, double min, double max, double sum, long count, double last) {
    return new MinuteCell(minute(m), 0, min, max, sum, count, last, null);
  }

  /** A histogram minute from values in microseconds. */
  static MinuteCell histogram(int m, long... micros) {
    Histogram h = LatencyHistograms.create();
    double sum = 0;
    for (long v : micros) {
      h.recordValue(v);
      sum += LatencyHistograms.toSeconds(v);
    }
    return new MinuteCell(minute(m), 0, 0, 0, sum, micros.length, 0, h);
  }

  static SeriesCells series(MetricKind kind, Labels labels, MinuteCell... cells) {
    return new SeriesCells(new SeriesKey("api", "m", kind, labels), List.of(cells));
  }
}
