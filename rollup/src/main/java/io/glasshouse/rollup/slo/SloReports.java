package io.glasshouse.rollup.slo;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every SLO's latest {@link SloReport}: refreshes all of them every {@code refresh} (config
 * {@code slo.refresh}, default 10 s) and publishes an immutable {@link Snapshot} that readers share. Reads go
 * through {@link SliCounts} (never the ingest writer); evaluation and forecasts run on worker threads
 * ({@code executeBlocking(…, false)}), one SLO after another, so a refresh never occupies an event loop and at most
 * one worker. Traffic forecasts are refitted at most every {@code forecastRefresh} per SLO (default 15 min).
 *
 * <p>{@link #replaceDefinitions} swaps the set of SLOs at any time (config API, no restart): removed SLOs leave the
 * snapshot at once, new ones appear after the next refresh (which it starts). A failed read keeps the SLO's
 * previous report and is logged.
 */
public final class SloReports {
  private static final Logger LOG = LoggerFactory.getLogger(SloReports.class);
  /** Default refresh interval. */
  public static final Duration DEFAULT_REFRESH = Duration.ofSeconds(10);
  /** Default forecast refit interval. */
  public static final Duration DEFAULT_FORECAST_REFRESH = Duration.ofMinutes(15);

  private final SliCounts counts;
  private final Clock clock;
  private final Duration refresh;
  private final Duration forecastRefresh;
  private final Map<String, CachedForecast> forecasts = new HashMap<>();
  private volatile List<SloDefinition> definitions = List.of();
  private volatile Snapshot latest = new Snapshot(null, List.of());
  private Vertx vertx;
  private long timerId = -1;
  private Future<Snapshot> running;
  private io.vertx.core.Promise<Snapshot> again;

  /**
   * Every report of one refresh, sorted by budget remaining ascending (undefined last), then name.
   *
   * @param computedAt when the refresh started; null before the first one
   */
  public record Snapshot(Instant computedAt, List<SloReport> reports) {
    public Snapshot {
      reports = List.copyOf(reports);
    }

    /** The report of SLO {@code name}. */
    public Optional<SloReport> report(String name) {
      return reports.stream().filter(r -> r.name().equals(name)).findFirst();
    }
  }

  private record CachedForecast(SloDefinition definition, long asOfMs, TrafficProjection projection, String note) {
  }

  public SloReports(SliCounts counts, Clock clock, Duration refresh, Duration forecastRefresh) {
    this.counts = counts;
    this.clock = clock;
    this.refresh = refresh;
    this.forecastRefresh = forecastRefresh;
  }

  public SloReports(SliCounts counts, Clock clock) {
    this(counts, clock, DEFAULT_REFRESH, DEFAULT_FORECAST_REFRESH);
  }

  /** Refreshes now, then every {@code refresh}. The future completes with the first refresh. */
  public synchronized Future<Snapshot> start(Vertx vertx) {
    this.vertx = vertx;
    timerId = vertx.setPeriodic(refresh.toMillis(), id -> refresh()
        .onFailure(e -> LOG.warn("SLO refresh failed: {}", e.toString())));
    return refresh();
  }

  /** Stops the periodic refresh. */
  public synchronized void stop() {
    if (vertx != null && timerId >= 0) {
      vertx.cancelTimer(timerId);
      timerId = -1;
    }
  }

  /** The SLOs evaluated from now on (names must be unique); drops reports of SLOs no longer defined. */
  public void replaceDefinitions(List<SloDefinition> defs) {
    Map<String, SloDefinition> byName = new LinkedHashMap<>();
    for (SloDefinition d : defs) {
      if (byName.put(d.name(), d) != null) {
        throw new SloDefinitionException("name", "SLO name '" + d.name() + "' is defined twice; names must be unique");
      }
    }
    definitions = List.copyOf(byName.values());
    counts.retain(definitions);
    Snapshot s = latest;
    latest = new Snapshot(s.computedAt(), s.reports().stream().filter(r -> byName.containsKey(r.name())).toList());
    synchronized (this) {
      forecasts.keySet().retainAll(byName.keySet());
      if (vertx != null) {
        refresh();
      }
    }
  }

  public List<SloDefinition> definitions() {
    return definitions;
  }

  /** The last published snapshot; never computes. */
  public Snapshot latest() {
    return latest;
  }

  /**
   * Refreshes every SLO now. When a refresh is under way, another one follows it (so what changed since it started,
   * definitions or data, is evaluated) and the future is that one's. Requires {@link #start}.
   */
  public synchronized Future<Snapshot> refresh() {
    if (vertx == null) {
      return Future.failedFuture(new IllegalStateException("SLO reports not started: call start(vertx)"));
    }
    if (running != null) {
      if (again == null) {
        again = io.vertx.core.Promise.promise();
      }
      return again.future();
    }
    Instant now = clock.instant();
    long asOf = SloEvaluator.asOf(now);
    List<SloDefinition> defs = definitions;
    Map<String, SloReport> previous = new HashMap<>();
    latest.reports().forEach(r -> previous.put(r.name(), r));
    List<SloReport> out = new ArrayList<>();
    Future<Void> chain = Future.succeededFuture();
    for (SloDefinition d : defs) {
      chain = chain.compose(v -> one(d, asOf)
          .recover(e -> {
            LOG.warn("SLO {} not refreshed: {}", d.name(), e.toString());
            return Future.succeededFuture(previous.get(d.name()));
          })
          .map(r -> {
            if (r != null) {
              out.add(r);
            }
            return null;
          }));
    }
    Future<Snapshot> f = chain.map(v -> publish(now, out));
    running = f;
    f.onComplete(ar -> {
      io.vertx.core.Promise<Snapshot> next;
      synchronized (this) {
        running = null;
        next = again;
        again = null;
      }
      if (next != null) {
        refresh().onComplete(next);
      }
    });
    return f;
  }

  private Snapshot publish(Instant now, List<SloReport> reports) {
    java.util.Set<String> live = new java.util.HashSet<>();
    definitions.forEach(d -> live.add(d.name()));
    List<SloReport> sorted = new ArrayList<>(reports.stream().filter(r -> live.contains(r.name())).toList());
    sorted.sort(BY_BUDGET);
    Snapshot s = new Snapshot(now, sorted);
    latest = s;
    return s;
  }

  /** Budget remaining ascending, undefined last, then by name. */
  public static final Comparator<SloReport> BY_BUDGET = Comparator
      .comparing(SloReport::budgetRemaining, Comparator.nullsLast(Comparator.naturalOrder()))
      .thenComparing(SloReport::name);

  private Future<SloReport> one(SloDefinition d, long asOf) {
    long[] range = SloEvaluator.range(d, asOf);
    if (d.budgeting() instanceof Budgeting.Occurrences && !(d.sli() instanceof Sli.Gauge)) {
      // the traffic forecast fits weeks of hours, also where the SLO's own range is shorter
      range[0] = Math.min(range[0], TrafficForecasts.historyFrom(asOf));
    }
    return counts.counts(d, range[0], range[1])
        .compose(c -> vertx.executeBlocking(() -> evaluate(d, c, asOf), false));
  }

  private SloReport evaluate(SloDefinition d, MinuteCounts c, long asOf) {
    CachedForecast cached;
    synchronized (this) {
      cached = forecasts.get(d.name());
    }
    if (d.budgeting() instanceof Budgeting.Occurrences
        && (cached == null || !cached.definition().equals(d) || asOf - cached.asOfMs() >= forecastRefresh.toMillis())) {
      cached = forecast(d, c, asOf);
      synchronized (this) {
        forecasts.put(d.name(), cached);
      }
    }
    return cached == null ? SloEvaluator.evaluate(d, c, asOf)
        : SloEvaluator.evaluate(d, c, asOf, cached.projection(), cached.note());
  }

  private static CachedForecast forecast(SloDefinition d, MinuteCounts c, long asOf) {
    SloWindow.Span span = d.window().spanAt(asOf);
    Duration horizon = d.window() instanceof SloWindow.Rolling r ? r.length()
        : Duration.ofMillis(Math.max(MinuteCounts.MINUTE_MS, span.fullEndMs() - asOf));
    try {
      Object p = TrafficForecasts.project(c, asOf, horizon);
      return p instanceof TrafficProjection tp ? new CachedForecast(d, asOf, tp, null)
          : new CachedForecast(d, asOf, null, (String) p);
    } catch (RuntimeException e) {
      LOG.warn("traffic forecast of SLO {} failed", d.name(), e);
      return new CachedForecast(d, asOf, null, "the traffic forecast failed: " + e.getMessage());
    }
  }
}
