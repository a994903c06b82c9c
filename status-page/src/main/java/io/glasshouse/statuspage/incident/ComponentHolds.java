package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusInputSource;
import io.glasshouse.rollup.status.StatusInputs;
import io.glasshouse.rollup.status.StatusOverride;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Lets incidents and maintenance drive component status, as inputs of the status evaluator ({@link #inputs}):
 * <ul>
 *   <li>maintenance in progress (or verifying) adds its components to {@link StatusInputs#maintenances()}: the
 *       {@code maintenance} rule shows them {@code under_maintenance}, and that time is left out of uptime;
 *   <li>an open incident declares the status of each component it sets worse than operational
 *       ({@link StatusInputs#declared()}, the worst when several do): the evaluator shows the worse of that and the
 *       derived status (rule {@code incident}), so an incident never hides a worse outage the figures show. When
 *       the incident resolves or sets the component back to operational, the derived status shows again.
 * </ul>
 * Overrides stay for staff: nothing here sets one. {@link #sync()} evaluates at once, so a change shows before its
 * request answers.
 */
public final class ComponentHolds {
  /**
   * Reason prefix of the overrides incidents held before they became an evaluator input; {@link #sync()} clears
   * any such override still stored by an older version.
   */
  public static final String REASON_PREFIX = "incident ";

  private final IncidentBook book;
  private StatusEvaluator evaluator;
  private Future<Void> tail = Future.succeededFuture();

  public ComponentHolds(IncidentBook book) {
    this.book = book;
  }

  /** {@code base}'s inputs with the components of maintenance in progress and the incidents' statuses added. */
  public StatusInputSource inputs(StatusInputSource base) {
    return () -> base.inputs().map(in -> {
      Set<String> m = new HashSet<>(in.maintenances());
      m.addAll(book.underMaintenance());
      return in.withMaintenances(m).withDeclared(book.holds());
    });
  }

  /** Evaluates through {@code e} on every {@link #sync()}. */
  public void attach(StatusEvaluator e) {
    this.evaluator = e;
  }

  /** Clears overrides left by older versions' incident holds, then evaluates with the incidents now. Serialised. */
  public synchronized Future<Void> sync() {
    tail = tail.transform(ar -> evaluator == null ? Future.succeededFuture() : clearLegacyHolds()
        .compose(v -> evaluator.evaluate()).mapEmpty());
    return tail;
  }

  private Future<Void> clearLegacyHolds() {
    Future<?> f = Future.succeededFuture();
    for (var c : evaluator.components()) {
      Optional<StatusOverride> o = evaluator.override(c.id());
      if (o.isPresent() && o.get().reason().startsWith(REASON_PREFIX) && o.get().by().startsWith(REASON_PREFIX)) {
        f = f.compose(v -> evaluator.clearOverride(c.id(), o.get().by()));
      }
    }
    return f.mapEmpty();
  }
}
