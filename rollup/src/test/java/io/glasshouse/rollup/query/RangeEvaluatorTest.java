package io.glasshouse.rollup.query;

import static io.glasshouse.rollup.query.Cells.counter;
import static io.glasshouse.rollup.query.Cells.gauge;
import static io.glasshouse.rollup.query.Cells.histogram;
import static io.glasshouse.rollup.query.Cells.minute;
import static io.glasshouse.rollup.query.Cells.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.LatencyHistograms;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.SeriesCells;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class RangeEvaluatorTest {

  private static QueryResult run(String fn, String q, String threshold, String by, int fromMin, int toMin,
      int stepMin, SeriesCells... series) {
    RangeQuery query = new RangeQuery("api", "m", Aggregation.parse(fn, q, threshold), List.of(),
        RangeQuery.parseBy(by), StepWindows.of(minute(fromMin), minute(toMin), Duration.ofMinutes(stepMin)));
    return RangeEvaluator.evaluate(query, List.of(series));
  }

  private static List<Double> values(QueryResult r) {
    return r.series().get(0).points().stream().map(SeriesResult.Point::value).toList();
  }

  private static List<Long> times(QueryResult r) {
    return r.series().get(0).points().stream().map(SeriesResult.Point::timeMs).toList();
  }

  @Test
  void counterIncreaseSumsMinutesPerStepWithPointsAtWindowEnds() {
    SeriesCells s = series(MetricKind.COUNTER, Labels.EMPTY,
        counter(0, 1), counter(1, 2), counter(4, 3), counter(5, 10), counter(9, 5));
    QueryResult r = run("increase", null, null, null, 0, 10, 5, s);
    assertThat(times(r)).containsExactly(minute(5), minute(10));
    assertThat(values(r)).containsExactly(6.0, 15.0);
    assertThat(r.fromMs()).isEqualTo(minute(0));
    assertThat(r.toMs()).isEqualTo(minute(10));
    assertThat(r.fn()).isEqualTo("increase");
  }

  @Test
  void counterRateIsIncreasePerSecondOfStep() {
    SeriesCells s = series(MetricKind.COUNTER, Labels.EMPTY, counter(0, 60), counter(1, 240));
    assertThat(values(run("rate", null, null, null, 0, 5, 5, s))).containsExactly(1.0);
    assertThat(values(run("rate", null, null, null, 0, 2, 1, s))).containsExactly(1.0, 4.0);
  }

  @Test
  void windowWithoutAnyMinuteHasNoPointButACountedZeroDoes() {
    SeriesCells s = series(MetricKind.COUNTER, Labels.EMPTY, counter(0, 1), counter(2, 0));
    QueryResult r = run("increase", null, null, null, 0, 3, 1, s);
    assertThat(times(r)).containsExactly(minute(1), minute(3));
    assertThat(values(r)).containsExactly(1.0, 0.0);
  }

  @Test
  void cellsOutsideTheRangeAreIgnoredAndEmptyGroupsLeftOut() {
    SeriesCells s = series(MetricKind.COUNTER, Labels.EMPTY, counter(-1, 100), counter(10, 100));
    assertThat(run("increase", null, null, null, 0, 10, 5, s).series()).isEmpty();
  }

  @Test
  void seriesAreSummedByDefault() {
    SeriesCells ok = series(MetricKind.COUNTER, Labels.of("status", "200"), counter(0, 7));
    SeriesCells err = series(MetricKind.COUNTER, Labels.of("status", "500"), counter(0, 3));
    QueryResult r = run("increase", null, null, null, 0, 1, 1, ok, err);
    assertThat(r.series()).hasSize(1);
    assertThat(r.series().get(0).labels()).isEqualTo(Labels.EMPTY);
    assertThat(values(r)).containsExactly(10.0);
  }

  @Test
  void groupingByLabelKeepsOnlyThoseLabelsAndGroupsSeriesWithoutThem() {
    SeriesCells a = series(MetricKind.COUNTER, Labels.of("status", "200", "uri", "/a"), counter(0, 1));
    SeriesCells b = series(MetricKind.COUNTER, Labels.of("status", "200", "uri", "/b"), counter(0, 2));
    SeriesCells c = series(MetricKind.COUNTER, Labels.of("status", "500", "uri", "/a"), counter(0, 4));
    SeriesCells d = series(MetricKind.COUNTER, Labels.of("uri", "/c"), counter(0, 8));
    QueryResult r = run("increase", null, null, "status", 0, 1, 1, a, b, c, d);
    assertThat(r.series()).extracting(SeriesResult::labels)
        .containsExactly(Labels.EMPTY, Labels.of("status", "200"), Labels.of("status", "500"));
    assertThat(r.series()).extracting(sr -> sr.points().get(0).value()).containsExactly(8.0, 3.0, 4.0);

    QueryResult both = run("increase", null, null, "uri, status", 0, 1, 1, a, b, c, d);
    assertThat(both.series()).hasSize(4);
  }

  @Test
  void gaugeMinMaxAvgOverAllReadings() {
    SeriesCells s = series(MetricKind.GAUGE, Labels.EMPTY,
        gauge(0, 2, 8, 10, 2, 8), gauge(1, 1, 3, 6, 3, 3), gauge(2, 0, 0, 0, 0, 0));
    assertThat(values(run("min", null, null, null, 0, 5, 5, s))).containsExactly(1.0);
    assertThat(values(run("max", null, null, null, 0, 5, 5, s))).containsExactly(8.0);
    assertThat(values(run("avg", null, null, null, 0, 5, 5, s))).containsExactly(16.0 / 5);
  }

  @Test
  void gaugeLastIsTheLastReadingOfTheNewestMinuteWithData() {
    SeriesCells s = series(MetricKind.GAUGE, Labels.EMPTY,
        gauge(0, 1, 5, 6, 2, 5), gauge(3, 4, 9, 13, 2, 4), gauge(4, 0, 0, 0, 0, 0));
    assertThat(values(run("last", null, null, null, 0, 5, 5, s))).containsExactly(4.0);
  }

  @Test
  void gaugeLastSumsEachSeriesLastReading() {
    SeriesCells q1 = series(MetricKind.GAUGE, Labels.of("queue", "a"), gauge(0, 1, 1, 1, 1, 1), gauge(1, 7, 7, 7, 1, 7));
    SeriesCells q2 = series(MetricKind.GAUGE, Labels.of("queue", "b"), gauge(0, 5, 5, 5, 1, 5));
    assertThat(values(run("last", null, null, null, 0, 2, 2, q1, q2))).containsExactly(12.0);
  }

  @Test
  void gaugeWindowWithOnlyEmptyMinutesHasNoPoint() {
    SeriesCells s = series(MetricKind.GAUGE, Labels.EMPTY, gauge(0, 0, 0, 0, 0, 0), gauge(1, 3, 3, 3, 1, 3));
    QueryResult r = run("avg", null, null, null, 0, 2, 1, s);
    assertThat(times(r)).containsExactly(minute(2));
  }

  @Test
  void histogramCountAndSumAddUpMinutesAndSeries() {
    SeriesCells a = series(MetricKind.HISTOGRAM, Labels.of("uri", "/a"), histogram(0, 100_000, 200_000));
    SeriesCells b = series(MetricKind.HISTOGRAM, Labels.of("uri", "/b"), histogram(1, 300_000));
    assertThat(values(run("count", null, null, null, 0, 2, 2, a, b))).containsExactly(3.0);
    assertThat(values(run("sum", null, null, null, 0, 2, 2, a, b)).get(0)).isCloseTo(0.6, within(1e-9));
  }

  @Test
  void percentilesOfAUniformDistributionAreWithinHistogramPrecision() {
    // 1..1000 ms, one value each, spread over two minutes and two series
    long[] first = new long[500];
    long[] second = new long[500];
    for (int i = 0; i < 500; i++) {
      first[i] = (i + 1) * 1000L;
      second[i] = (i + 501) * 1000L;
    }
    SeriesCells a = series(MetricKind.HISTOGRAM, Labels.of("uri", "/a"), histogram(0, first));
    SeriesCells b = series(MetricKind.HISTOGRAM, Labels.of("uri", "/b"), histogram(1, second));
    double p50 = values(run("p50", null, null, null, 0, 2, 2, a, b)).get(0);
    double p90 = values(run("p90", null, null, null, 0, 2, 2, a, b)).get(0);
    double p99 = values(run("p99", null, null, null, 0, 2, 2, a, b)).get(0);
    double q95 = values(run("quantile", "0.95", null, null, 0, 2, 2, a, b)).get(0);
    // never below the true value, at most one bucket width (< 1/128) above it
    assertThat(p50).isBetween(0.500, 0.500 * (1 + 1.0 / 128));
    assertThat(p90).isBetween(0.900, 0.900 * (1 + 1.0 / 128));
    assertThat(p99).isBetween(0.990, 0.990 * (1 + 1.0 / 128));
    assertThat(q95).isBetween(0.950, 0.950 * (1 + 1.0 / 128));
  }

  @Test
  void quantileOfAWindowWithoutObservationsHasNoPoint() {
    SeriesCells s = series(MetricKind.HISTOGRAM, Labels.EMPTY, histogram(0), histogram(1, 5_000));
    QueryResult r = run("p50", null, null, null, 0, 2, 1, s);
    assertThat(times(r)).containsExactly(minute(2));
    assertThat(values(run("count", null, null, null, 0, 2, 1, s))).containsExactly(0.0, 1.0);
  }

  @Test
  void fractionLeIsExactWhenTheThresholdIsTheTopOfItsBucket() {
    Histogram probe = LatencyHistograms.create();
    long top = probe.highestEquivalentValue(250_000); // 250879 µs
    long next = probe.nextNonEquivalentValue(250_000); // 250880 µs, first value of the next bucket
    SeriesCells s = series(MetricKind.HISTOGRAM, Labels.EMPTY, histogram(0, 1_000, top, next, 400_000));
    double atTop = values(run("fraction_le", null, String.valueOf(top / 1e6), null, 0, 1, 1, s)).get(0);
    assertThat(atTop).isEqualTo(0.5);
    double justBelowNext = values(run("fraction_le", null, String.valueOf((next - 1) / 1e6), null, 0, 1, 1, s)).get(0);
    assertThat(justBelowNext).isEqualTo(0.5);
    double atNext = values(run("fraction_le", null, String.valueOf(next / 1e6), null, 0, 1, 1, s)).get(0);
    assertThat(atNext).isEqualTo(0.75);
  }

  @Test
  void fractionLeCountsTheWholeBucketOfAThresholdInsideIt() {
    // 250 ms lies inside the bucket [249856, 250879] µs: a value of 250.5 ms is counted as at or below it
    SeriesCells s = series(MetricKind.HISTOGRAM, Labels.EMPTY, histogram(0, 249_000, 250_500, 251_000, 260_000));
    assertThat(values(run("fraction_le", null, "0.25", null, 0, 1, 1, s))).containsExactly(0.5);
  }

  @Test
  void evaluationDoesNotMutateTheCellsHistograms() {
    MinuteCell c0 = histogram(0, 1_000, 2_000);
    MinuteCell c1 = histogram(1, 3_000);
    SeriesCells s = series(MetricKind.HISTOGRAM, Labels.EMPTY, c0, c1);
    run("p99", null, null, null, 0, 2, 2, s);
    run("fraction_le", null, "0.002", null, 0, 2, 2, s);
    assertThat(c0.histogram().getTotalCount()).isEqualTo(2);
    assertThat(c1.histogram().getTotalCount()).isEqualTo(1);
    assertThat(c0.histogram().getMaxValue()).isEqualTo(c0.histogram().highestEquivalentValue(2_000));
  }
}
