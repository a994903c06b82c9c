package io.glasshouse.rollup.query;

import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Answers read-API questions from a {@link RollupReader}: the service, instance and metric listings and
 * {@link RangeQuery}s. Never blocks. The evaluation itself is {@link RangeEvaluator}: small ones (up to
 * {@link #INLINE_CELLS} minute cells) run on the thread that completes the reader's future; larger ones, when a
 * {@link Vertx} is given, go to a worker thread with {@code executeBlocking(…, false)} so a big histogram merge
 * never stalls an event loop.
 *
 * <p>Failures a caller can fix are failed futures carrying a {@link QueryException}: an unknown service or
 * metric, or a function that does not apply to the metric's kind (naming the functions that do).
 */
public final class QueryService {
  /** Evaluations over at most this many minute cells run inline. */
  public static final int INLINE_CELLS = 20_000;

  private final RollupReader reader;
  private final Vertx vertx;

  /** A service that evaluates every query inline (tests, tools). */
  public QueryService(RollupReader reader) {
    this(reader, null);
  }

  /** A service that moves evaluations of more than {@link #INLINE_CELLS} cells to {@code vertx}'s workers. */
  public QueryService(RollupReader reader, Vertx vertx) {
    this.reader = reader;
    this.vertx = vertx;
  }

  public Future<List<ServiceSummary>> services() {
    return reader.services();
  }

  /** Instances of a known service; fails with {@link QueryException.Reason#UNKNOWN_SERVICE} otherwise. */
  public Future<List<InstanceInfo>> instances(String service) {
    return requireService(service).compose(v -> reader.instances(service));
  }

  /** Metrics of a known service; fails with {@link QueryException.Reason#UNKNOWN_SERVICE} otherwise. */
  public Future<List<MetricInfo>> metrics(String service) {
    return requireService(service).compose(v -> reader.metrics(service));
  }

  /** Evaluates {@code query}; see {@link RangeEvaluator} for the semantics. */
  public Future<QueryResult> query(RangeQuery query) {
    return metrics(query.service()).compose(metrics -> {
      MetricInfo metric = metrics.stream().filter(m -> m.metric().equals(query.metric())).findFirst().orElse(null);
      if (metric == null) {
        return Future.failedFuture(QueryException.unknownMetric(query.service(), query.metric()));
      }
      QueryFunction fn = query.aggregation().function();
      if (fn.kind() != metric.kind()) {
        return Future.failedFuture(wrongKind(query, metric.kind()));
      }
      StepWindows w = query.windows();
      return reader.cells(query.service(), query.metric(), query.matchers(), w.startMs(), w.endMs())
          .compose(cells -> evaluate(query, cells));
    });
  }

  private Future<QueryResult> evaluate(RangeQuery query, List<SeriesCells> cells) {
    long size = cells.stream().mapToLong(s -> s.cells().size()).sum();
    if (vertx == null || size <= INLINE_CELLS) {
      return Future.succeededFuture(RangeEvaluator.evaluate(query, cells));
    }
    return vertx.executeBlocking(() -> RangeEvaluator.evaluate(query, cells), false);
  }

  private Future<Void> requireService(String service) {
    return reader.services().compose(all -> all.stream().anyMatch(s -> s.service().equals(service))
        ? Future.succeededFuture()
        : Future.failedFuture(QueryException.unknownService(service)));
  }

  private static QueryException wrongKind(RangeQuery query, MetricKind kind) {
    return QueryException.badParameter("fn", "fn=" + query.aggregation().name() + " does not apply to "
        + query.metric() + ", a " + kind.name().toLowerCase(java.util.Locale.ROOT) + "; use one of "
        + String.join(", ", QueryFunction.apiNamesFor(kind)) + ".");
  }
}
