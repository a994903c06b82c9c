package io.glasshouse.server.http;

import io.glasshouse.collector.CollectorConfig;
import io.glasshouse.collector.CollectorRoutes;
import io.glasshouse.collector.scrape.ScrapeManager;
import io.glasshouse.collector.scrape.ScrapeRoutes;
import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.glasshouse.rollup.engine.RollupEngine;
import io.glasshouse.rollup.problem.Problem;
import io.glasshouse.rollup.query.QueryLimits;
import io.glasshouse.rollup.status.StatusEvaluator;
import io.glasshouse.statuspage.StatusPageRoutes;
import io.glasshouse.statuspage.api.ComponentsApi;
import io.glasshouse.statuspage.api.ScopeCheck;
import io.glasshouse.rollup.access.AccessHandler;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.rollup.slo.SloReports;
import io.glasshouse.statuspage.api.SloApi;
import io.glasshouse.statuspage.capacity.CapacityRoutes;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server on the shared port, deployed once per event loop: ingest, reads, health and metrics. Holds no
 * state of its own; the engine behind it, the ingest limits and the shutdown state are shared by every instance
 * and reached without locks.
 */
public final class HttpVerticle extends VerticleBase {
  private final RollupEngine engine;
  private final CapacityPlanner planner;
  private final AccessTokens access;
  private final Consumer<Router> extraRoutes;
  private Consumer<Router> publicRoutes = router -> { };
  private final CollectorConfig collectorConfig;
  private final PrometheusMeterRegistry registry;
  private final Clock clock;
  private final String host;
  private final int port;
  private final Duration shutdownTimeout;
  private final QueryLimits queryLimits;
  private final Drain drain;
  private final CollectorRoutes.ServerWide ingest;
  private HttpServer server;
  private CollectorRoutes.Mounted collector;
  private StatusEvaluator status;
  private ScrapeManager scrape;
  private SloReports slos;

  /**
   * @param access who may do what: every module's routes check their scope against it
   * @param queryLimits the read API's limits ({@code rollup.query-max-cells}, {@code rollup.query-max-points})
   * @param drain the server's shutdown state, shared by every instance: readiness turns 503 once it has begun
   * @param ingest the collector's limits, shared by every instance ({@link CollectorRoutes#forServer})
   * @param extraRoutes mounts further routes (the config API) on each verticle's router, before the catch-all
   */
  public HttpVerticle(RollupEngine engine, CapacityPlanner planner, CollectorConfig collectorConfig,
      AccessTokens access, PrometheusMeterRegistry registry, Clock clock, String host, int port,
      Duration shutdownTimeout, QueryLimits queryLimits, Drain drain, CollectorRoutes.ServerWide ingest,
      Consumer<Router> extraRoutes) {
    this.ingest = ingest;
    this.queryLimits = queryLimits;
    this.access = access;
    this.extraRoutes = extraRoutes;
    this.engine = engine;
    this.planner = planner;
    this.collectorConfig = collectorConfig;
    this.registry = registry;
    this.clock = clock;
    this.host = host;
    this.port = port;
    this.shutdownTimeout = shutdownTimeout;
    this.drain = drain;
  }

  /** Also serves the component status API from {@code status} (changes need a staff token). */
  public HttpVerticle withComponentStatus(StatusEvaluator status) {
    this.status = status;
    return this;
  }

  /** Mounts the scrape target API ({@code /api/v1/scrape/targets}) of {@code manager} too. */
  public HttpVerticle withScrape(ScrapeManager manager) {
    this.scrape = manager;
    return this;
  }

  /** Also serves {@code /api/v1/slos} from {@code reports} (shared by every event-loop verticle). */
  public HttpVerticle withSlos(SloReports reports) {
    this.slos = reports;
    return this;
  }

  /**
   * Mounts the public, read-only routes customers hit during an outage (the status page, the Statuspage API,
   * badges) first on each router, so the most requested paths are matched before the other routes are tried.
   */
  public HttpVerticle withPublicRoutes(Consumer<Router> routes) {
    this.publicRoutes = routes;
    return this;
  }

  @Override
  public Future<?> start() {
    Router router = Router.router(vertx);
    publicRoutes.accept(router);
    OpsRoutes.mount(router, engine, registry, drain);
    collector = ingest.mount(router);
    if (scrape != null) {
      ScrapeRoutes.mount(router, scrape, access);
    }
    StatusPageRoutes.mount(router, engine, clock, queryLimits, access);
    CapacityRoutes.mount(router, planner, access, clock);
    if (status != null) {
      AccessHandler read = AccessHandler.require(access, Scope.READ);
      router.get("/api/v1/components").handler(read);
      router.get("/api/v1/components/*").handler(read);
      ComponentsApi.mount(router, status, ScopeCheck.admin(access), clock);
    }
    if (slos != null) {
      AccessHandler read = AccessHandler.require(access, Scope.READ);
      router.get("/api/v1/slos").handler(read);
      router.get("/api/v1/slos/*").handler(read);
      SloApi.mount(router, slos);
    }
    extraRoutes.accept(router);
    router.route().last().handler(ctx -> Problem.of(404, "not-found", "Not found", "no such path: "
        + ctx.request().path() + "; see /openapi.yaml for the read API, /v1/metrics, /api/v1/write and "
        + "/api/v1/ingest for ingest").with("instance", ctx.request().path()).write(ctx.response()));
    server = vertx.createHttpServer(CollectorRoutes.serverOptions(new HttpServerOptions().setHost(host).setPort(port)
        .setCompressionSupported(true), collectorConfig));
    return server.invalidRequestHandler(CollectorRoutes.invalidRequestHandler()).requestHandler(router).listen();
  }

  /**
   * The last phase of a graceful shutdown, after the {@link Drain} delay: answers new ingest requests 503 with
   * {@code Retry-After} from now on, stops accepting connections and lets in-flight requests finish, up to the
   * shutdown timeout.
   */
  @Override
  public Future<?> stop() {
    if (collector != null) {
      collector.startDraining();
    }
    return server == null ? Future.succeededFuture() : server.shutdown(shutdownTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }
}
