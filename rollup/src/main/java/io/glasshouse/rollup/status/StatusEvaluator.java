package io.glasshouse.rollup.status;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link StatusBoard} every {@link StatusConfig#evaluateEvery()} off the event loops (a worker thread),
 * publishes each {@link StatusSnapshot} for readers to share ({@link #latest()}), saves changed history days
 * (at most once a minute of the clock, and on {@link #close()}) and keeps overrides: set and cleared by staff,
 * expired by time, every change stored with its audit record before it takes effect.
 *
 * <p>History counts only time the evaluator observed: after a restart it resumes from the stored days, and the
 * time the process was down is in no status.
 */
public final class StatusEvaluator {
  private static final Logger LOG = LoggerFactory.getLogger(StatusEvaluator.class);
  private static final Duration SAVE_EVERY = Duration.ofMinutes(1);
  /** Who expires overrides, in audit records. */
  public static final String SYSTEM = "system";

  private final Vertx vertx;
  private final StatusConfig config;
  private final Supplier<List<ComponentDefinition>> components;
  private final StatusInputSource source;
  private final StatusHistoryStore history;
  private final OverrideStore overrideStore;
  private final Clock clock;
  private final StatusBoard board;
  private final Map<String, StatusOverride> overrides = new ConcurrentHashMap<>();
  private final AtomicReference<StatusSnapshot> latest;
  private final List<java.util.function.Consumer<StatusSnapshot>> listeners =
      new java.util.concurrent.CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private StatusInputs lastInputs = StatusInputs.empty();
  private Future<?> tail = Future.succeededFuture();
  private Instant lastSave;
  private long timer = -1;

  private StatusEvaluator(Vertx vertx, StatusConfig config, Supplier<List<ComponentDefinition>> components,
      StatusInputSource source, StatusHistoryStore history, OverrideStore overrideStore, Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.components = components;
    this.source = source;
    this.history = history;
    this.overrideStore = overrideStore;
    this.clock = clock;
    this.board = new StatusBoard(config);
    this.latest = new AtomicReference<>(StatusSnapshot.empty(clock.instant()));
    this.lastSave = clock.instant();
  }

  /**
   * Loads stored history and overrides, evaluates once and, when {@code periodic}, every
   * {@code config.evaluateEvery()} after that (tests pass {@code false} and call {@link #evaluate()} themselves).
   *
   * @param components the components now; read at every evaluation, so runtime changes apply at the next one
   */
  public static Future<StatusEvaluator> start(Vertx vertx, StatusConfig config,
      Supplier<List<ComponentDefinition>> components, StatusInputSource source, StatusHistoryStore history,
      OverrideStore overrides, Clock clock, boolean periodic) {
    StatusEvaluator e = new StatusEvaluator(vertx, config, components, source, history, overrides, clock);
    LocalDate from = LocalDate.ofInstant(clock.instant().minus(config.historyRetention()), ZoneOffset.UTC);
    return history.days(from)
        .compose(days -> {
          e.board.loadHistory(days);
          return overrides.overrides();
        })
        .compose(stored -> {
          stored.forEach(o -> e.overrides.put(o.componentId(), o));
          return e.evaluate();
        })
        .map(first -> {
          if (periodic) {
            e.timer = vertx.setPeriodic(config.evaluateEvery().toMillis(), id -> e.evaluate()
                .onFailure(err -> LOG.warn("component status evaluation failed: {}", err.toString())));
          }
          return e;
        });
  }

  /** The last snapshot; before the first evaluation, an empty one. Never blocks. */
  public StatusSnapshot latest() {
    return latest.get();
  }

  /**
   * Calls {@code listener} with every snapshot after it is published (on the worker thread that evaluated it, in
   * evaluation order); the listener must not block. A listener that throws is logged and does not stop the others.
   */
  public void onSnapshot(java.util.function.Consumer<StatusSnapshot> listener) {
    listeners.add(listener);
  }

  /** The components as configured now. */
  public List<ComponentDefinition> components() {
    return components.get();
  }

  public StatusConfig config() {
    return config;
  }

  /** One evaluation now: expires overrides, reads inputs, runs the board on a worker, publishes, saves history. */
  public Future<StatusSnapshot> evaluate() {
    return serially(() -> expire()
        .compose(v -> source.inputs().recover(err -> {
          LOG.warn("status inputs unavailable, evaluating with the previous ones: {}", err.toString());
          return Future.succeededFuture(lastInputs);
        }))
        .compose(in -> vertx.executeBlocking(() -> run(in), false))
        .compose(this::saveIfDue));
  }

  private StatusSnapshot run(StatusInputs in) {
    synchronized (lock) {
      lastInputs = in;
      StatusSnapshot s = board.evaluate(components.get(), in, Map.copyOf(overrides), clock.instant());
      latest.set(s);
      for (java.util.function.Consumer<StatusSnapshot> l : listeners) {
        try {
          l.accept(s);
        } catch (RuntimeException e) {
          LOG.warn("status snapshot listener failed: {}", e.toString());
        }
      }
      return s;
    }
  }

  private Future<StatusSnapshot> saveIfDue(StatusSnapshot s) {
    Instant now = clock.instant();
    if (now.isBefore(lastSave.plus(SAVE_EVERY))) {
      return Future.succeededFuture(s);
    }
    return save().map(s);
  }

  /** Saves the changed history days now and purges days past the retention. */
  public Future<Void> save() {
    List<DailyStatus> days;
    LocalDate cutoff = LocalDate.ofInstant(clock.instant().minus(config.historyRetention()), ZoneOffset.UTC);
    synchronized (lock) {
      days = board.unsavedDays();
      board.purgeBefore(cutoff);
      lastSave = clock.instant();
    }
    return history.save(days).compose(v -> history.purgeBefore(cutoff));
  }

  /**
   * Sets (or replaces) a component's override, audited, and evaluates at once so that it shows.
   *
   * @throws UnknownComponentException (as the failed future's cause) for an unknown component
   * @throws IllegalArgumentException (likewise) when {@code expiresAt} is not in the future
   */
  public Future<StatusSnapshot> setOverride(String componentId, ComponentStatus status, String reason, String by,
      Instant expiresAt) {
    return serially(() -> {
      known(componentId);
      Instant now = clock.instant();
      if (!expiresAt.isAfter(now)) {
        throw new IllegalArgumentException("expiresAt must be in the future (now is " + now + ")");
      }
      StatusOverride after = new StatusOverride(componentId, status, reason, by, now, expiresAt);
      StatusOverride before = overrides.get(componentId);
      return overrideStore.record(new OverrideChange(componentId, OverrideChange.Action.SET, by, now, before, after))
          .map(v -> {
            overrides.put(componentId, after);
            return v;
          });
    }).compose(v -> evaluate());
  }

  /** Clears a component's override, audited; empty when it had none. Evaluates at once. */
  public Future<Optional<OverrideChange>> clearOverride(String componentId, String by) {
    return serially(() -> {
      known(componentId);
      StatusOverride before = overrides.get(componentId);
      if (before == null) {
        return Future.succeededFuture(Optional.<OverrideChange>empty());
      }
      OverrideChange change = new OverrideChange(componentId, OverrideChange.Action.CLEARED, by, clock.instant(),
          before, null);
      return overrideStore.record(change).map(v -> {
        overrides.remove(componentId, before);
        return Optional.of(change);
      });
    }).compose(c -> evaluate().map(c));
  }

  /** The component's override in force now, if any. */
  public Optional<StatusOverride> override(String componentId) {
    return Optional.ofNullable(overrides.get(componentId)).filter(o -> o.activeAt(clock.instant()));
  }

  /** Audit records of a component's overrides, newest first. */
  public Future<List<OverrideChange>> overrideChanges(String componentId, int limit) {
    return overrideStore.changes(componentId, limit);
  }

  /** Stops the timer and saves history. */
  public Future<Void> close() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
    return serially(this::save);
  }

  private void known(String componentId) {
    if (components.get().stream().noneMatch(c -> c.id().equals(componentId))) {
      throw new UnknownComponentException(componentId);
    }
  }

  /** Records and removes every override that has expired. */
  private Future<Void> expire() {
    Instant now = clock.instant();
    List<StatusOverride> expired = new ArrayList<>();
    for (StatusOverride o : new HashMap<>(overrides).values()) {
      if (!now.isBefore(o.expiresAt())) {
        expired.add(o);
      }
    }
    Future<Void> f = Future.succeededFuture();
    for (StatusOverride o : expired) {
      f = f.compose(v -> overrideStore.record(new OverrideChange(o.componentId(), OverrideChange.Action.EXPIRED,
          SYSTEM, o.expiresAt(), o, null))).map(v -> {
            overrides.remove(o.componentId(), o);
            return null;
          });
    }
    return f;
  }

  /** Runs {@code op} after everything started before it has finished, so changes never interleave. */
  private <T> Future<T> serially(java.util.concurrent.Callable<Future<T>> op) {
    synchronized (lock) {
      Future<T> next = tail.transform(ar -> {
        try {
          return op.call();
        } catch (Exception e) {
          return Future.failedFuture(e);
        }
      });
      tail = next;
      return next;
    }
  }
}
