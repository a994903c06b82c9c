package io.glasshouse.server.wiring;

import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.statuspage.incident.IncidentLog;
import io.glasshouse.statuspage.page.LiveUpdates;
import io.glasshouse.statuspage.page.PublicPage;
import io.glasshouse.statuspage.web.Branding;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;

/**
 * The public status page in the server: reads the {@code status-page:} section's {@code root-redirect} (the branding
 * is read once, by {@code StartPlan}, and shared with the Statuspage API), starts the one {@link LiveUpdates} per
 * server following the component status evaluator's snapshots and the incident log, and
 * mounts {@code /status…} on each event-loop verticle's router (plus {@code GET /} → {@code /status} when
 * {@code root-redirect: true}, for every client that does not ask for JSON only).
 *
 * <pre>
 * status-page:
 *   name: Acme status
 *   url: https://status.acme.example
 *   logo-url: https://acme.example/logo.svg
 *   time-zone: Europe/Berlin
 *   links: [{label: Support, url: https://acme.example/support}]
 *   root-redirect: true
 * </pre>
 */
public final class StatusPageWiring {
  /** The configuration section. */
  public static final String SECTION = "status-page";
  static final Set<String> KEYS;
  static final Duration HEARTBEAT = Duration.ofSeconds(15);

  static {
    Set<String> keys = new TreeSet<>(Branding.KEYS);
    keys.add("root-redirect");
    KEYS = Set.copyOf(keys);
  }

  private final Branding branding;
  private final boolean rootRedirect;
  private StatusEvaluator evaluator;
  private IncidentLog incidents;
  private Clock clock;
  private LiveUpdates live;

  private StatusPageWiring(Branding branding, boolean rootRedirect) {
    this.branding = branding;
    this.rootRedirect = rootRedirect;
  }

  /**
   * Checks the section's keys and reads {@code root-redirect}; IllegalArgumentException naming the bad key stops
   * start-up.
   *
   * @param branding the branding read from the same section ({@link Branding#fromJson})
   */
  public static StatusPageWiring fromConfig(JsonObject section, Branding branding) {
    for (String key : section.fieldNames()) {
      if (!KEYS.contains(key)) {
        throw new IllegalArgumentException("unknown key " + SECTION + "." + key + "; expected one of "
            + new TreeSet<>(KEYS));
      }
    }
    Object redirect = section.getValue("root-redirect", false);
    if (!(redirect instanceof Boolean) && !"true".equals(redirect) && !"false".equals(redirect)) {
      throw new IllegalArgumentException(SECTION + ".root-redirect must be true or false, got: " + redirect);
    }
    return new StatusPageWiring(branding, Boolean.parseBoolean(String.valueOf(redirect)));
  }

  /**
   * Once per server, after the evaluator started: announces to open pages every change of the snapshots the
   * evaluator publishes ({@link LiveUpdates#follow}) and of the incidents.
   */
  public StatusPageWiring start(Vertx vertx, StatusEvaluator evaluator, IncidentLog incidents, Clock clock) {
    this.evaluator = evaluator;
    this.incidents = incidents;
    this.clock = clock;
    this.live = LiveUpdates.start(vertx, evaluator::latest, incidents, HEARTBEAT).follow(evaluator);
    return this;
  }

  /** On each verticle's router. */
  public void mount(Router router) {
    if (rootRedirect) {
      router.get("/").order(-1).handler(ctx -> {
        String accept = ctx.request().getHeader("Accept");
        if (accept != null && accept.contains("application/json") && !accept.contains("text/html")) {
          ctx.next();
        } else {
          ctx.redirect("/status");
        }
      });
    }
    PublicPage.mount(router, evaluator::latest, incidents, branding, clock, live);
  }

  /** The branding the page shows. */
  public Branding branding() {
    return branding;
  }

  /** Stops announcing and ends open event streams. */
  public void close() {
    if (live != null) {
      live.close();
    }
  }
}
