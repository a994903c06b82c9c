package io.glasshouse.rollup.query;

import static io.glasshouse.rollup.query.Cells.counter;
import static io.glasshouse.rollup.query.Cells.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueryServiceTest {
  private final List<LabelMatcher> seenMatchers = new java.util.ArrayList<>();
  private final long[] seenRange = new long[2];

  private final RollupReader reader = new RollupReader() {
    @Override
    public Future<List<ServiceSummary>> services() {
      return Future.succeededFuture(List.of(new ServiceSummary("api", 2, 0, 1)));
    }

    @Override
    public Future<List<InstanceInfo>> instances(String service) {
      return Future.succeededFuture(List.of());
    }

    @Override
    public Future<List<MetricInfo>> metrics(String service) {
      return Future.succeededFuture(List.of(new MetricInfo("requests", MetricKind.COUNTER, 1)));
    }

    @Override
    public Future<List<SeriesCells>> cells(String service, String metric, List<LabelMatcher> matchers, long fromMs,
        long toMs) {
      seenMatchers.addAll(matchers);
      seenRange[0] = fromMs;
      seenRange[1] = toMs;
      return Future.succeededFuture(List.of(Cells.series(MetricKind.COUNTER, Labels.EMPTY, counter(0, 5))));
    }
  };
  private final QueryService service = new QueryService(reader);

  private RangeQuery query(String svc, String metric, String fn) {
    return new RangeQuery(svc, metric, Aggregation.parse(fn, null, null), SelectorParser.parse("status=\"500\""),
        List.of(), StepWindows.of(minute(0) + 1, minute(4), Duration.ofMinutes(2)));
  }

  private static QueryException failure(Future<?> f) {
    assertThat(f.failed()).isTrue();
    return (QueryException) f.cause();
  }

  @Test
  void readsTheAlignedRangeWithTheMatchersAndEvaluates() {
    QueryResult r = service.query(query("api", "requests", "increase")).result();
    assertThat(seenRange).containsExactly(minute(0), minute(4));
    assertThat(seenMatchers).extracting(LabelMatcher::toString).containsExactly("status=\"500\"");
    assertThat(r.series().get(0).points()).containsExactly(new SeriesResult.Point(minute(2), 5.0));
  }

  @Test
  void unknownServiceFailsWithUnknownService() {
    assertThat(failure(service.query(query("nope", "requests", "increase"))).reason())
        .isEqualTo(QueryException.Reason.UNKNOWN_SERVICE);
    assertThat(failure(service.instances("nope")).detail()).contains("No service named 'nope'");
  }

  @Test
  void unknownMetricFailsWithUnknownMetric() {
    assertThat(failure(service.query(query("api", "latency", "increase"))).reason())
        .isEqualTo(QueryException.Reason.UNKNOWN_METRIC);
  }

  @Test
  void functionOfAnotherKindNamesTheFunctionsThatApply() {
    QueryException e = failure(service.query(query("api", "requests", "p99")));
    assertThat(e.parameter()).isEqualTo("fn");
    assertThat(e.detail()).isEqualTo("fn=p99 does not apply to requests, a counter; use one of increase, rate.");
  }
}
