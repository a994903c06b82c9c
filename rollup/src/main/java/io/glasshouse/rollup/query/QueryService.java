package io.glasshouse.rollup.query;

import io.glasshouse.rollup.sample.MetricKind;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.MetricInfo;
import io.glasshouse.rollup.series.Resolution;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.series.SeriesCells;
import io.glasshouse.rollup.series.ServiceSummary;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;

/**
 * Answers read-API questions from a {@link RollupReader}: the service, instance and metric listings and
 * {@link RangeQuery}s. Never blocks. The evaluation itself is {@link RangeEvaluator}: small ones run on the thread
 * that completes the reader's future; larger ones (see {@link ReadWork}: more than
 * {@value ReadWork#INLINE_HISTOGRAM_CELLS} histograms to merge or {@value ReadWork#INLINE_CELLS} cells), when a
 * {@link Vertx} is given, go to the {@value ReadWork#POOL} worker pool so a big histogram merge never stalls an
 * event loop.
 *
 * <p>Before reading, a query is sized against its {@link QueryLimits} from the series it selects.
 *
 * <p>Failures a caller can fix are failed futures carrying a {@link QueryException}: an unknown service or
 * metric, a function that does not apply to the metric's kind (naming the functions that do), or a query over
 * the limits (saying by how much and what to narrow).
 */
public final class QueryService {
  /** Evaluations over at most this many minute cells (without histograms to merge) run inline. */
  public static final int INLINE_CELLS = ReadWork.INLINE_CELLS;

  private final RollupReader reader;
  private final Vertx vertx;
  private final QueryLimits limits;

  /** A service that evaluates every query inline, without limits (tests, tools). */
  public QueryService(RollupReader reader) {
    this(reader, null, QueryLimits.NONE);
  }

  /** A service without limits that moves large evaluations to {@code vertx}'s {@value ReadWork#POOL} pool. */
  public QueryService(RollupReader reader, Vertx vertx) {
    this(reader, vertx, QueryLimits.NONE);
  }

  /** A service that refuses queries over {@code limits} and moves large evaluations to worker threads. */
  public QueryService(RollupReader reader, Vertx vertx, QueryLimits limits) {
    this.reader = reader;
    this.vertx = vertx;
    this.limits = limits;
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

  /**
   * Evaluates {@code query}; see {@link RangeEvaluator} for the semantics. Reads the coarsest stored cells that
   * tile its step windows ({@link Resolution#coarsestFor}: days for a step of whole days, hours for whole hours,
   * minutes otherwise); the answer is the same as from minutes, with fewer cells read, and reaches back as far
   * as that resolution's retention (hours and days outlive minutes).
   */
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
      Resolution resolution = Resolution.coarsestFor(w.stepMs());
      Future<Void> sized = limits.equals(QueryLimits.NONE) ? Future.succeededFuture()
          : reader.series(query.service(), query.metric(), query.matchers())
              .compose(keys -> QuerySize.check(query, keys, limits, resolution));
      return sized.compose(v -> reader.cells(query.service(), query.metric(), query.matchers(), w.startMs(), w.endMs(),
              resolution))
          .compose(cells -> evaluate(query, cells, resolution));
    });
  }

  private Future<QueryResult> evaluate(RangeQuery query, List<SeriesCells> cells, Resolution resolution) {
    long size = 0;
    long histograms = 0;
    QueryFunction f = query.aggregation().function();
    boolean merges = f == QueryFunction.QUANTILE || f == QueryFunction.FRACTION_LE;
    for (SeriesCells s : cells) {
      size += s.cells().size();
      if (merges) {
        for (var c : s.cells()) {
          if (c.histogram() != null) {
            histograms++;
          }
        }
      }
    }
    return ReadWork.run(vertx, size, histograms, () -> RangeEvaluator.evaluate(query, cells, resolution));
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
