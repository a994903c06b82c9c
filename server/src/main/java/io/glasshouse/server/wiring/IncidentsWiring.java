package io.glasshouse.server.wiring;

import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.rollup.status.StatusInputSource;
import io.glasshouse.statuspage.api.IncidentsApi;
import io.glasshouse.statuspage.api.ScopeCheck;
import io.glasshouse.statuspage.incident.ComponentDirectory;
import io.glasshouse.statuspage.incident.ComponentHolds;
import io.glasshouse.statuspage.incident.IncidentAutomation;
import io.glasshouse.statuspage.incident.IncidentBook;
import io.glasshouse.statuspage.incident.IncidentLog;
import io.glasshouse.statuspage.incident.IncidentsConfig;
import io.glasshouse.statuspage.incident.SqliteIncidentStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.nio.file.Path;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Incidents and maintenance in the server (issue 10): the store in {@code <data>/incidents.db}, the
 * {@link IncidentBook} (the {@link IncidentLog} the public page, the Statuspage API, feeds and webhooks read),
 * the component holds feeding the status evaluator, the periodic automation (maintenance start/complete, drafts)
 * and the admin API. Order: {@link #open} before the status evaluator (whose input source goes through
 * {@link #inputs}), {@link #start} once it runs, {@link #mount} on each HTTP verticle, {@link #close} before it
 * stops.
 */
public final class IncidentsWiring {
  private static final Logger LOG = LoggerFactory.getLogger(IncidentsWiring.class);
  private final Vertx vertx;
  private final IncidentsConfig config;
  private final SqliteIncidentStore store;
  private final IncidentBook book;
  private final ComponentHolds holds;
  private IncidentAutomation automation;

  private IncidentsWiring(Vertx vertx, IncidentsConfig config, SqliteIncidentStore store, IncidentBook book,
      Clock clock) {
    this.vertx = vertx;
    this.config = config;
    this.store = store;
    this.book = book;
    this.holds = new ComponentHolds(book);
  }

  /** Opens {@code dataDir/incidents.db} and loads it (off the event loop). */
  public static Future<IncidentsWiring> open(Vertx vertx, Path dataDir, IncidentsConfig config, Clock clock) {
    return vertx.executeBlocking(() -> SqliteIncidentStore.open(dataDir), false)
        .compose(store -> IncidentBook.open(vertx, store, clock)
            .map(book -> new IncidentsWiring(vertx, config, store, book, clock))
            .onFailure(e -> store.close()));
  }

  /** The status evaluator's input source with the components of maintenance in progress added. */
  public StatusInputSource inputs(StatusInputSource base) {
    return holds.inputs(base);
  }

  /** Connects to the running evaluator, applies the holds of open incidents and starts the periodic check. */
  public Future<Void> start(StatusEvaluator evaluator) {
    book.components(ComponentDirectory.of(evaluator));
    holds.attach(evaluator);
    book.onApply(i -> holds.sync());
    automation = new IncidentAutomation(vertx, book, evaluator, config);
    // a failed first check is logged and retried by the timer; it never stops start-up
    return holds.sync().compose(v -> automation.check())
        .recover(e -> {
          LOG.warn("first incident check failed (retried every {}): {}", config.checkEvery(), e.toString());
          return Future.succeededFuture();
        })
        .onComplete(ar -> automation.start());
  }

  /** Mounts the admin API ({@code /api/v1/incidents…}, {@code /api/v1/maintenances…}; admin scope). */
  public void mount(Router router, AccessTokens access) {
    IncidentsApi.mount(router, book, ScopeCheck.admin(access));
  }

  /** The published incidents and maintenance, for the page, the Statuspage API, feeds and webhooks. */
  public IncidentLog log() {
    return book;
  }

  /** The book itself (drafts and changes), for staff views. */
  public IncidentBook book() {
    return book;
  }

  /** Stops the periodic check and closes the store. */
  public Future<Void> close() {
    if (automation != null) {
      automation.stop();
    }
    return vertx.executeBlocking(() -> {
      store.close();
      return null;
    }, false);
  }
}
