package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.instances.Deviation;
import io.glasshouse.rollup.instances.InstanceHealth;
import io.glasshouse.rollup.instances.ServiceHealth;
import io.glasshouse.rollup.instances.WindowFigures;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.LatencyHistograms;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.SeriesKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The data the HTTP tests read: service {@code checkout} with a request counter (status 200 and 503 on /a,
 * 200 on /b; every minute of the hour before {@link #NOW}), a queue-depth gauge and a latency histogram; service
 * {@code billing} with one instance and no series.
 */
final class ReadApiFixture {
  static final Instant NOW = Instant.parse("2026-05-01T12:00:00Z");
  static final long HOUR_AGO = NOW.minusSeconds(3600).toEpochMilli();

  private ReadApiFixture() {
  }

  static InMemoryRollupReader reader() {
    InMemoryRollupReader r = new InMemoryRollupReader();
    long now = NOW.toEpochMilli();
    WindowFigures five = new WindowFigures(Duration.ofMinutes(5), 3000, 600, 0.2, 10, 3000, 0.05, 0.09, Double.NaN);
    Deviation errors = new Deviation(Deviation.ERROR_RATIO, Double.NaN, 0.2, 0.002, 0.001, 40.1, 3.5, 0.01, 5,
        true, now - 120_000, true);
    r.add(new ServiceHealth("checkout", now, now - 60_000, Duration.ofMinutes(5), List.of(
        new InstanceHealth("checkout-1", "1.42.0", true, now, now, List.of(five), InstanceHealth.Judgement.JUDGED,
            List.of(errors), true))));
    r.add(new InstanceInfo("checkout", "checkout-1", HOUR_AGO - 7_200_000, NOW.toEpochMilli() - 5_000, true, "1.42.0"));
    r.add(new InstanceInfo("checkout", "checkout-0", HOUR_AGO - 9_000_000, HOUR_AGO, false, null));
    r.add(new InstanceInfo("billing", "billing-0", HOUR_AGO, NOW.toEpochMilli() - 1_000, true, "7"));
    r.add(counter(Labels.of("status", "200", "uri", "/a"), 60));
    r.add(counter(Labels.of("status", "503", "uri", "/a"), 6));
    r.add(counter(Labels.of("status", "200", "uri", "/b"), 120));
    r.add(gauge());
    r.add(histogram());
    return r;
  }

  private static List<Long> minutes() {
    List<Long> m = new ArrayList<>();
    for (long t = HOUR_AGO; t < NOW.toEpochMilli(); t += 60_000) {
      m.add(t);
    }
    return m;
  }

  private static SeriesCells counter(Labels labels, double perMinute) {
    List<MinuteCell> cells = minutes().stream()
        .map(t -> new MinuteCell(t, perMinute, 0, 0, 0, 0, 0, null)).toList();
    return new SeriesCells(new SeriesKey("checkout", "http_server_requests", MetricKind.COUNTER, labels), cells);
  }

  private static SeriesCells gauge() {
    List<MinuteCell> cells = minutes().stream().map(t -> new MinuteCell(t, 0, 2, 10, 12, 2, 10, null)).toList();
    return new SeriesCells(new SeriesKey("checkout", "queue_depth", MetricKind.GAUGE, Labels.EMPTY), cells);
  }

  /** Every minute: 99 values of 10 ms and one of 2 s. */
  private static SeriesCells histogram() {
    List<MinuteCell> cells = minutes().stream().map(t -> {
      Histogram h = LatencyHistograms.create();
      h.recordValueWithCount(10_000, 99);
      h.recordValue(2_000_000);
      return new MinuteCell(t, 0, 0, 0, 99 * 0.01 + 2, 100, 0, h);
    }).toList();
    return new SeriesCells(new SeriesKey("checkout", "http_server_duration", MetricKind.HISTOGRAM,
        Labels.of("uri", "/a")), cells);
  }
}
