package io.glasshouse.statuspage;

import io.glasshouse.rollup.access.AccessHandler;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.query.QueryLimits;
import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.statuspage.api.ReadApi;
import io.glasshouse.statuspage.web.Pages;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.util.Set;

/** The routes this module serves, mounted by the server on each event-loop verticle's router. */
public final class StatusPageRoutes {
  private StatusPageRoutes() {
  }

  /**
   * Mounts the read API, /openapi.yaml and its viewer /api/docs on the router (one Router per event-loop verticle).
   *
   * <p>Only GET routes under {@code /api/v1/services}, {@code /openapi.yaml} and {@code /api/docs} are added, each with its own
   * problem+json failure handler; nothing global (no catch-all, no router error handler) is installed, so other
   * modules' routes on the same router are unaffected.
   *
   * @param reader the rollup read interface; must not block
   * @param clock where "now" comes from for default query ranges
   */
  public static void mount(Router router, RollupReader reader, Clock clock) {
    mount(router, reader, clock, QueryLimits.defaults());
  }

  /** As {@link #mount(Router, RollupReader, Clock)}, with the read API's query limits. */
  public static void mount(Router router, RollupReader reader, Clock clock, QueryLimits limits) {
    mount(router, reader, clock, limits, AccessTokens.none(Set.of(Scope.READ)));
  }

  /**
   * As {@link #mount(Router, RollupReader, Clock, QueryLimits)}, with the read API ({@code /api/v1/services...})
   * behind {@link AccessHandler}: it needs a token with the {@link Scope#READ} scope unless that scope is open.
   * {@code /openapi.yaml} and {@code /api/docs} stay open (they describe the API, they hold no data), and so do the
   * pages' shared assets under {@code /assets/}.
   */
  public static void mount(Router router, RollupReader reader, Clock clock, QueryLimits limits, AccessTokens tokens) {
    AccessHandler read = AccessHandler.require(tokens, Scope.READ);
    router.route("/api/v1/services").handler(read);
    router.route("/api/v1/services/*").handler(read);
    ReadApi.mount(router, reader, clock, limits);
    ReadApi.mountDocs(router);
    Pages.mountAssets(router);
  }
}
