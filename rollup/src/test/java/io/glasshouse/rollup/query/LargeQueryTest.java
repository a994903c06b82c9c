package io.glasshouse.rollup.query;

import static io.glasshouse.rollup.query.Cells.minute;
import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.sample.Labels;
import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.MinuteCell;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class LargeQueryTest {
  private static final int MINUTES = QueryService.INLINE_CELLS + 1_000;

  private static RollupReader readerWithOneLongCounter(AtomicReference<String> cellsReadOn) {
    List<MinuteCell> cells = new ArrayList<>(MINUTES);
    for (int m = 0; m < MINUTES; m++) {
      cells.add(Cells.counter(m, 1));
    }
    return new RollupReader() {
      @Override
      public Future<List<ServiceSummary>> services() {
        return Future.succeededFuture(List.of(new ServiceSummary("api", 1, 0, 1)));
      }

      @Override
      public Future<List<InstanceInfo>> instances(String service) {
        return Future.succeededFuture(List.of());
      }

      @Override
      public Future<List<MetricInfo>> metrics(String service) {
        return Future.succeededFuture(List.of(new MetricInfo("m", MetricKind.COUNTER, 1)));
      }

      @Override
      public Future<List<SeriesCells>> cells(String s, String m, List<LabelMatcher> matchers, long from, long to) {
        cellsReadOn.set(Thread.currentThread().getName());
        return Future.succeededFuture(List.of(Cells.series(MetricKind.COUNTER, Labels.EMPTY,
            cells.toArray(MinuteCell[]::new))));
      }
    };
  }

  @Test
  void evaluationAboveTheInlineLimitGivesTheSameAnswerBackOnTheEventLoop(Vertx vertx, VertxTestContext ctx) {
    AtomicReference<String> readOn = new AtomicReference<>();
    QueryService service = new QueryService(readerWithOneLongCounter(readOn), vertx);
    RangeQuery query = new RangeQuery("api", "m", Aggregation.parse("increase", null, null), List.of(), List.of(),
        StepWindows.of(minute(0), minute(MINUTES), Duration.ofDays(1)));
    vertx.runOnContext(v -> service.query(query).onComplete(ctx.succeeding(r -> ctx.verify(() -> {
      assertThat(readOn.get()).contains("eventloop");
      assertThat(Thread.currentThread().getName()).contains("eventloop");
      double total = r.series().get(0).points().stream().mapToDouble(SeriesResult.Point::value).sum();
      assertThat(total).isEqualTo(MINUTES);
      assertThat(r).isEqualTo(new QueryService(readerWithOneLongCounter(readOn)).query(query).result());
      ctx.completeNow();
    }))));
  }
}
