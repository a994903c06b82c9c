package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusInputSource;
import io.glasshouse.rollup.status.StatusInputs;
import io.glasshouse.rollup.status.StatusOverride;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Lets incidents and maintenance drive component status:
 * <ul>
 *   <li>maintenance in progress (or verifying) adds its components to the evaluator's
 *       {@link StatusInputs#maintenances()} ({@link #inputs}): the {@code maintenance} rule shows them
 *       {@code under_maintenance}, and that time is left out of uptime;
 *   <li>an open incident holds each component it sets worse than operational through an override with the reason
 *       {@code incident <id>} (stored and audited like any override), the worst when several do; it is cleared when
 *       the incident resolves or sets the component back to operational. A staff override (any other reason) is
 *       never replaced or cleared here.
 * </ul>
 * {@link #sync()} brings the overrides in line and evaluates at once, so a change shows before its request answers.
 */
public final class ComponentHolds {
  /** Reason prefix of the overrides incidents hold. */
  public static final String REASON_PREFIX = "incident ";
  /** Incident overrides are renewed on every sync; long enough to outlive any incident. */
  static final Duration HOLD_FOR = Duration.ofDays(365);

  private final IncidentBook book;
  private final Clock clock;
  private StatusEvaluator evaluator;
  private Future<Void> tail = Future.succeededFuture();

  public ComponentHolds(IncidentBook book, Clock clock) {
    this.book = book;
    this.clock = clock;
  }

  /** {@code base}'s inputs with the components of maintenance in progress added. */
  public StatusInputSource inputs(StatusInputSource base) {
    return () -> base.inputs().map(in -> {
      Set<String> m = new HashSet<>(in.maintenances());
      m.addAll(book.underMaintenance());
      return in.withMaintenances(m);
    });
  }

  /** Starts holding through {@code e}; call {@link #sync()} after. */
  public void attach(StatusEvaluator e) {
    this.evaluator = e;
  }

  /** Sets, renews and clears incident overrides to match the open incidents, then evaluates. Serialised. */
  public synchronized Future<Void> sync() {
    tail = tail.transform(ar -> evaluator == null ? Future.succeededFuture() : reconcile());
    return tail;
  }

  private Future<Void> reconcile() {
    Map<String, IncidentBook.Hold> holds = book.holds();
    Future<?> f = Future.succeededFuture();
    for (var c : evaluator.components()) {
      String id = c.id();
      Optional<StatusOverride> current = evaluator.override(id);
      boolean ours = current.map(o -> o.reason().startsWith(REASON_PREFIX)).orElse(false);
      IncidentBook.Hold want = holds.get(id);
      if (want != null && (current.isEmpty() || ours)) {
        String reason = REASON_PREFIX + want.incidentId();
        boolean same = ours && current.get().status() == want.status() && current.get().reason().equals(reason)
            && current.get().expiresAt().isAfter(clock.instant().plus(HOLD_FOR.dividedBy(2)));
        if (!same) {
          f = f.compose(v -> evaluator.setOverride(id, want.status(), reason, reason,
              clock.instant().plus(HOLD_FOR)));
        }
      } else if (want == null && ours) {
        f = f.compose(v -> evaluator.clearOverride(id, current.get().reason()));
      }
    }
    return f.compose(v -> evaluator.evaluate()).mapEmpty();
  }
}
