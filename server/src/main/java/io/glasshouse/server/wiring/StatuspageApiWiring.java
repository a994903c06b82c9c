package io.glasshouse.server.wiring;

import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.statuspage.incident.IncidentLog;
import io.glasshouse.statuspage.v2.PublishedStatus;
import io.glasshouse.statuspage.v2.StatuspageApi;
import io.glasshouse.statuspage.web.Branding;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the Statuspage-compatible API ({@code /api/v2/*.json}) and the badges ({@code /badges/*}): one
 * {@link PublishedStatus} per server, rebuilt whenever the component status evaluator publishes a snapshot or a
 * published incident changes (no timer), mounted on every event-loop verticle's router. Public, read-only and open to every origin, so no access check.
 *
 * <pre>
 * StatuspageApiWiring statusApi = StatuspageApiWiring.configure(branding, clock); // branding: StartPlan's
 * ...
 * statusApi.mount(router, vertx, evaluator);   // in each verticle; the first call starts the precomputation
 * </pre>
 */
public final class StatuspageApiWiring {
  private static final Logger LOG = LoggerFactory.getLogger(StatuspageApiWiring.class);
  private final Branding branding;
  private final Clock clock;
  private IncidentLog incidents = IncidentLog.none();
  private PublishedStatus published;


  private StatuspageApiWiring(Branding branding, Clock clock) {
    this.branding = branding;
    this.clock = clock;
  }

  /** With the branding read once from the {@code status-page} section (shared with the public page). */
  public static StatuspageApiWiring configure(Branding branding, Clock clock) {
    return new StatuspageApiWiring(branding, clock);
  }

  /** The branding the answers carry. */
  public Branding branding() {
    return branding;
  }

  /** Serves the incidents of {@code log} (call before the first {@link #mount}). */
  public StatuspageApiWiring withIncidents(IncidentLog log) {
    this.incidents = log;
    return this;
  }

  /** Mounts the routes on {@code router}; the first call creates and starts the server-wide precomputation. */
  public void mount(Router router, Vertx vertx, StatusEvaluator evaluator) {
    StatuspageApi.mount(router, published(vertx, evaluator));
  }

  private synchronized PublishedStatus published(Vertx vertx, StatusEvaluator evaluator) {
    if (published == null) {
      published = new PublishedStatus(evaluator::latest, incidents, branding, clock).follow(evaluator);
      published.start(vertx).onFailure(e -> LOG.warn("first build of the /api/v2 answers failed: {}", e.toString()));
    }
    return published;
  }
}
