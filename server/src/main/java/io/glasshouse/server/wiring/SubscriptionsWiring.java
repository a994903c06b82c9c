package io.glasshouse.server.wiring;

import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.server.config.ServerSettings;
import io.glasshouse.statuspage.feed.FeedRoutes;
import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentLog;
import io.glasshouse.statuspage.subscription.SubscriptionRoutes;
import io.glasshouse.statuspage.subscription.Subscriptions;
import io.glasshouse.statuspage.subscription.SubscriptionsConfig;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Feeds and webhook subscriptions in the server (the {@code subscriptions:} section): one {@link Subscriptions}
 * per server ({@code <data>/subscriptions.db}), told of every component status snapshot and every published
 * incident change, and the routes {@code /history.atom}, {@code /history.rss} and {@code /api/v1/subscriptions…}
 * on each event-loop verticle.
 */
public final class SubscriptionsWiring {
  /** The configuration section. */
  public static final String SECTION = "subscriptions";

  private final Subscriptions subscriptions;
  private final Clock clock;
  private volatile IncidentLog incidents = IncidentLog.none();

  private SubscriptionsWiring(Subscriptions subscriptions, Clock clock) {
    this.subscriptions = subscriptions;
    this.clock = clock;
  }

  /**
   * Reads the section (a bad key fails naming {@code subscriptions.<key>}), opens the store and listens to
   * {@code status}.
   */
  public static Future<SubscriptionsWiring> start(Vertx vertx, JsonObject section, ServerSettings server,
      StatusEvaluator status, Clock clock) {
    SubscriptionsConfig config;
    try {
      config = SubscriptionsConfig.fromJson(section, "http://localhost:" + server.port());
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
    return Subscriptions.open(vertx, config, server.dataDir(), clock, new Random(), status::latest, true)
        .map(subs -> {
          status.onSnapshot(subs::statusChanged);
          return new SubscriptionsWiring(subs, clock);
        });
  }

  /** Serves and delivers the incidents of {@code log} (published changes are delivered as they happen). */
  public SubscriptionsWiring withIncidents(IncidentLog log) {
    this.incidents = log;
    log.onChange(subscriptions::incidentChanged);
    return this;
  }

  /** Mounts the feeds and the subscription endpoints on one verticle's router. */
  public void mount(Router router, AccessTokens tokens) {
    SubscriptionsConfig c = subscriptions.config();
    FeedRoutes.mount(router, new IncidentLog() {
      @Override
      public List<Incident> all() {
        return incidents.all();
      }

      @Override
      public Optional<Incident> find(String id) {
        return incidents.find(id);
      }

      @Override
      public void onChange(Consumer<Incident> listener) {
        incidents.onChange(listener);
      }
    }, c.publicUrl(), c.pageName(), clock);
    SubscriptionRoutes.mount(router, subscriptions, tokens);
  }

  public Subscriptions subscriptions() {
    return subscriptions;
  }

  /** Stops retries and closes the store. */
  public Future<Void> close() {
    return subscriptions.close();
  }
}
