package io.glasshouse.rollup.capacity;

import io.glasshouse.rollup.forecast.AnomalyDetector;
import io.glasshouse.rollup.forecast.AnomalyPoint;
import io.glasshouse.rollup.forecast.Exhaustion;
import io.glasshouse.rollup.forecast.Forecast;
import io.glasshouse.rollup.forecast.Forecaster;
import io.glasshouse.rollup.forecast.InstancesNeeded;
import io.glasshouse.rollup.forecast.Series;
import io.glasshouse.rollup.query.QueryException;
import io.glasshouse.rollup.query.QueryResult;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.query.RangeQuery;
import io.glasshouse.rollup.query.SeriesResult;
import io.glasshouse.rollup.query.StepWindows;
import io.glasshouse.rollup.series.InstanceInfo;
import io.glasshouse.rollup.series.RollupReader;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import io.glasshouse.rollup.query.TimeSyntax;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forecasts every configured {@link CapacityIndicator} on a schedule and serves the last result.
 *
 * <p>Per indicator, a refresh reads {@link CapacityConfig#history()} of the demand series through {@link
 * QueryService} at {@link CapacityConfig#stepFor()} (complete step windows only, each dated at its end, as in the
 * read API), counts the service's live instances, and then, on a worker thread ({@code executeBlocking(…, false)}),
 * fits the {@link Forecaster}, derives exhaustion times, instances needed and the {@link AnomalyDetector} score of
 * the last point. Indicators are computed one after another, so a refresh uses at most one worker thread.
 *
 * <p>Contract: {@link #latest()} never computes; it returns the last completed refresh. {@link #refresh()} while one
 * is running returns the running one. A failure for one indicator (unknown service or metric, no data, a failed
 * read) is recorded in its snapshot's {@link CapacitySnapshot#error()}; the refresh itself still succeeds. "Now"
 * comes only from the injected {@link Clock}. Thread-safe.
 */
public final class CapacityPlanner {
  private static final Logger LOG = LoggerFactory.getLogger(CapacityPlanner.class);
  /** The anomaly score reads at most this much of the most recent history. */
  static final Duration ANOMALY_WINDOW = Duration.ofDays(14);

  /** Told after each indicator of a refresh is computed. */
  @FunctionalInterface
  public interface Progress {
    void indicatorDone(int done, int total, String name);

    Progress NONE = (done, total, name) -> { };
  }

  private final RollupReader reader;
  private volatile CapacityConfig config;
  private final Clock clock;
  private volatile CapacityResult latest;
  private Vertx vertx;
  private long timerId = -1;
  private Future<CapacityResult> running;

  public CapacityPlanner(RollupReader reader, CapacityConfig config, Clock clock) {
    this.reader = Objects.requireNonNull(reader, "reader");
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public CapacityConfig config() {
    return config;
  }

  /**
   * Forecasts {@code indicators} from now on (the config API changed them): the next refresh starts at once, or
   * as soon as the one under way completes, and serves only these. Interval, history, step and horizons stay.
   */
  public synchronized void reconfigure(List<CapacityIndicator> indicators) {
    config = config.withIndicators(indicators);
    if (vertx == null) {
      return;
    }
    Future<CapacityResult> r = running;
    if (r == null) {
      refresh().onFailure(e -> LOG.warn("capacity refresh failed", e));
    } else {
      r.onComplete(ar -> refresh().onFailure(e -> LOG.warn("capacity refresh failed", e)));
    }
  }

  /**
   * Binds the planner to {@code vertx}, starts the first refresh and schedules one every {@link
   * CapacityConfig#refreshInterval()}. The returned future is the first refresh's; start-up need not wait for it.
   */
  public synchronized Future<CapacityResult> start(Vertx vertx) {
    if (this.vertx != null) {
      throw new IllegalStateException("capacity planner already started");
    }
    this.vertx = Objects.requireNonNull(vertx, "vertx");
    timerId = vertx.setPeriodic(config.refreshInterval().toMillis(), id -> refresh()
        .onFailure(e -> LOG.warn("capacity refresh failed", e)));
    return refresh();
  }

  /** Cancels the schedule; a refresh under way completes. */
  public synchronized void stop() {
    if (vertx != null && timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  /** The last completed refresh, if any. Never computes. */
  public Optional<CapacityResult> latest() {
    return Optional.ofNullable(latest);
  }

  /** Refreshes now (or joins the refresh under way). Requires {@link #start}. */
  public Future<CapacityResult> refresh() {
    return refresh(Progress.NONE);
  }

  /** {@link #refresh()}, reporting each indicator to {@code progress} (when this call starts the refresh). */
  public synchronized Future<CapacityResult> refresh(Progress progress) {
    if (vertx == null) {
      return Future.failedFuture(new IllegalStateException("capacity planner not started: call start(vertx)"));
    }
    if (running != null) {
      return running;
    }
    Instant now = clock.instant();
    QueryService queries = new QueryService(reader, vertx);
    CapacityConfig config = this.config;
    List<CapacityIndicator> all = config.indicators();
    List<CapacitySnapshot> out = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (CapacityIndicator ind : all) {
      chain = chain.compose(v -> safeFetch(queries, ind, now))
          .compose(h -> vertx.executeBlocking(() -> compute(ind, config, now, h), false))
          .map(s -> {
            out.add(s);
            progress.indicatorDone(out.size(), all.size(), ind.name());
            return null;
          });
    }
    Future<CapacityResult> f = chain.map(v -> new CapacityResult(now, Duration.between(now, clock.instant()), out))
        .onSuccess(r -> latest = r)
        .andThen(ar -> {
          synchronized (this) {
            running = null;
          }
        });
    running = f.isComplete() ? null : f;
    return f;
  }

  /**
   * Computes every indicator on the calling thread, waiting for each read: for command-line tools. Never call it on
   * an event loop (it throws {@link IllegalStateException} there). Also updates {@link #latest()}.
   */
  public CapacityResult computeBlocking(Progress progress) {
    if (Context.isOnEventLoopThread()) {
      throw new IllegalStateException("computeBlocking must not run on an event loop; use refresh()");
    }
    Instant now = clock.instant();
    QueryService queries = new QueryService(reader);
    List<CapacitySnapshot> out = new ArrayList<>();
    List<CapacityIndicator> all = config.indicators();
    for (CapacityIndicator ind : all) {
      History h;
      try {
        h = safeFetch(queries, ind, now).toCompletionStage().toCompletableFuture().get(10, TimeUnit.MINUTES);
      } catch (Exception e) {
        h = History.failed("reading the history failed: " + e, 0);
      }
      out.add(compute(ind, config, now, h));
      progress.indicatorDone(out.size(), all.size(), ind.name());
    }
    CapacityResult r = new CapacityResult(now, Duration.between(now, clock.instant()), out);
    latest = r;
    return r;
  }

  /** What a refresh read for one indicator: the demand series or why there is none, and the live instances. */
  record History(Optional<Series> series, Optional<String> error, int liveInstances) {
    static History failed(String why, int live) {
      return new History(Optional.empty(), Optional.of(why), live);
    }
  }

  private Future<History> safeFetch(QueryService queries, CapacityIndicator ind, Instant now) {
    try {
      return fetch(queries, ind, now);
    } catch (RuntimeException e) {
      String why = e instanceof QueryException q ? q.detail() : "reading the history failed: " + e.getMessage();
      return Future.succeededFuture(History.failed(why, 0));
    }
  }

  /** Reads the indicator's history and live instance count; never fails (failures become the history's error). */
  Future<History> fetch(QueryService queries, CapacityIndicator ind, Instant now) {
    Duration step = config.stepFor();
    long stepMs = step.toMillis();
    long to = Math.floorDiv(now.toEpochMilli(), stepMs) * stepMs;
    long from = to - config.history().toMillis();
    StepWindows windows = StepWindows.of(from, to, step);
    RangeQuery query = new RangeQuery(ind.service(), ind.metric(), ind.aggregation(), ind.matchers(), List.of(),
        windows);
    Future<Integer> live = reader.instances(ind.service())
        .map(list -> (int) list.stream().filter(InstanceInfo::live).count())
        .otherwise(0);
    Future<Object> series = queries.query(query)
        .<Object>map(result -> toSeries(result, windows))
        .otherwise(e -> e instanceof QueryException q ? q.detail() : "reading the history failed: " + e.getMessage());
    return Future.all(live, series).map(cf -> {
      int n = live.result();
      Object s = series.result();
      if (s instanceof Series ser) {
        return new History(Optional.of(ser), Optional.empty(), n);
      }
      if (s == null) {
        return History.failed("no data for " + ind.metric() + " of service " + ind.service()
            + (ind.match().isBlank() ? "" : " matching " + ind.match()) + " in the last "
            + human(config.history()), n);
      }
      return History.failed((String) s, n);
    });
  }

  /** The result as a regular series from its first point; null when it has no point. */
  static Series toSeries(QueryResult result, StepWindows windows) {
    if (result.series().isEmpty()) {
      return null;
    }
    double[] v = new double[windows.count()];
    Arrays.fill(v, Double.NaN);
    for (SeriesResult.Point p : result.series().get(0).points()) {
      int i = (int) ((p.timeMs() - windows.startMs()) / windows.stepMs()) - 1;
      if (i >= 0 && i < v.length) {
        v[i] = p.value();
      }
    }
    int first = 0;
    while (first < v.length && !Double.isFinite(v[first])) {
      first++;
    }
    if (first == v.length) {
      return null;
    }
    return new Series(windows.pointTimeMs(first), windows.stepMs(), Arrays.copyOfRange(v, first, v.length));
  }

  /** The pure, CPU-bound part: forecast, exhaustion, instances needed, anomaly score. */
  static CapacitySnapshot compute(CapacityIndicator ind, CapacityConfig config, Instant now, History h) {
    if (h.series().isEmpty()) {
      return CapacitySnapshot.failed(ind, now, h.error().orElse("no data"), h.liveInstances());
    }
    Series series = h.series().get();
    try {
      Forecast forecast = Forecaster.defaults().forecast(series, config.horizons());
      int last = series.size() - 1;
      while (!Double.isFinite(series.valueAt(last))) {
        last--;
      }
      double current = series.valueAt(last);
      Instant currentAt = Instant.ofEpochMilli(series.timeAt(last));
      double capacity = ind.capacity().total(h.liveInstances());
      double utilisation = capacity > 0 ? current / capacity : Double.NaN;
      Optional<Exhaustion> exhaustion = Double.isFinite(capacity)
          ? Optional.of(forecast.timeToExhaustion(capacity)) : Optional.empty();
      Optional<Exhaustion> target = Double.isFinite(capacity)
          ? Optional.of(forecast.timeToExhaustion(capacity * ind.targetUtilisation())) : Optional.empty();
      List<InstancesNeeded> needed = ind.capacity().kind() == CapacityIndicator.Capacity.Kind.PER_INSTANCE
          ? forecast.instancesNeeded(ind.capacity().amount(), ind.targetUtilisation()) : List.of();
      double score = 0;
      boolean flagged = false;
      Series recent = tail(series.head(last + 1), ANOMALY_WINDOW);
      List<AnomalyPoint> scores = AnomalyDetector.defaults().score(recent);
      if (!scores.isEmpty()) {
        AnomalyPoint p = scores.get(scores.size() - 1);
        score = Double.isFinite(p.score()) ? p.score() : 0;
        flagged = p.flagged();
      }
      return new CapacitySnapshot(ind, now, Optional.empty(), h.liveInstances(), capacity, current,
          Optional.of(currentAt), utilisation, Optional.of(forecast), exhaustion, target, needed, score, flagged,
          Optional.of(series));
    } catch (RuntimeException e) {
      LOG.warn("capacity forecast of {} failed", ind.name(), e);
      return CapacitySnapshot.failed(ind, now, "forecasting failed: " + e.getMessage(), h.liveInstances());
    }
  }

  static String human(Duration d) {
    return TimeSyntax.formatDuration(d);
  }

  private static Series tail(Series s, Duration window) {
    int n = (int) Math.min(s.size(), Math.max(1, window.toMillis() / s.stepMs()));
    if (n == s.size()) {
      return s;
    }
    double[] v = s.values();
    return new Series(s.timeAt(s.size() - n), s.stepMs(), Arrays.copyOfRange(v, v.length - n, v.length));
  }
}
