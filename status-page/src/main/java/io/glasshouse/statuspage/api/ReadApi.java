package io.glasshouse.statuspage.api;

import io.glasshouse.rollup.query.QueryLimits;
import io.glasshouse.rollup.query.QueryService;
import io.glasshouse.rollup.query.RangeQuery;
import io.glasshouse.rollup.series.RollupReader;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.function.Function;

/**
 * The read API's routes. Handlers never block: they compose the {@link RollupReader}'s futures and answer JSON,
 * or fail the context so {@link Problems} answers problem+json.
 *
 * <ul>
 *   <li>{@code GET /api/v1/services}
 *   <li>{@code GET /api/v1/services/:service/instances}
 *   <li>{@code GET /api/v1/services/:service/metrics}
 *   <li>{@code GET /api/v1/services/:service/metrics/:metric/query}
 *   <li>{@code GET /openapi.yaml}
 * </ul>
 */
public final class ReadApi {
  private final RollupReader reader;
  private final QueryService queries;
  private final Clock clock;
  private final QueryLimits limits;

  private ReadApi(RollupReader reader, Clock clock, QueryLimits limits) {
    this.reader = reader;
    this.queries = new QueryService(reader);
    this.clock = clock;
    this.limits = limits;
  }

  /** {@link #mount(Router, RollupReader, Clock, QueryLimits)} with the default limits. */
  public static void mount(Router router, RollupReader reader, Clock clock) {
    mount(router, reader, clock, QueryLimits.defaults());
  }

  /**
   * Adds the routes listed above to {@code router}, each with a problem+json failure handler; queries over
   * {@code limits} get a 400 saying by how much and what to narrow.
   */
  public static void mount(Router router, RollupReader reader, Clock clock, QueryLimits limits) {
    ReadApi api = new ReadApi(reader, clock, limits);
    get(router, "/api/v1/services", ctx -> api.queries.services().map(ApiJson::services));
    get(router, "/api/v1/services/:service/instances", ctx -> {
      String service = ctx.pathParam("service");
      return api.queries.instances(service).compose(list -> api.reader.instanceHealth(service)
          .map(health -> InstanceJson.instances(service, list, health)));
    });
    get(router, "/api/v1/services/:service/metrics", ctx -> {
      String service = ctx.pathParam("service");
      return api.queries.metrics(service).map(list -> ApiJson.metrics(service, list));
    });
    get(router, "/api/v1/services/:service/metrics/:metric/query", api::query);
    router.get("/openapi.yaml").handler(OpenApiDocument.handler()).failureHandler(Problems::handle);
  }

  /** Adds {@code GET /api/docs}, a readable viewer of {@code /openapi.yaml} (Swagger UI, served by this server). */
  public static void mountDocs(Router router) {
    ApiDocs.mount(router);
  }

  private Future<JsonObject> query(RoutingContext ctx) {
    RangeQuery query = QueryParams.parse(ctx.pathParam("service"), ctx.pathParam("metric"), ctx.queryParams(), clock);
    return new QueryService(reader, ctx.vertx(), limits).query(query).map(result -> ApiJson.result(query, result));
  }

  private static Route get(Router router, String path, Function<RoutingContext, Future<JsonObject>> handler) {
    return router.get(path)
        .handler(ctx -> {
          Future<JsonObject> answer;
          try {
            answer = handler.apply(ctx);
          } catch (RuntimeException e) {
            answer = Future.failedFuture(e);
          }
          answer.onSuccess(json -> ctx.response().putHeader("content-type", "application/json")
              .end(json.encode())).onFailure(ctx::fail);
        })
        .failureHandler(Problems::handle);
  }
}
