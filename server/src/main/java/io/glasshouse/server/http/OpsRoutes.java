package io.glasshouse.server.http;

import io.glasshouse.rollup.engine.RollupEngine;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;

/**
 * Operational endpoints: {@code /} (where everything is, as HTML for browsers and JSON for programs: {@link Index}), {@code /health/live} (the process answers), {@code /health/ready} (the engine accepts
 * samples: storage works and shutdown has not begun; 503 from the first moment of a shutdown, see {@link Drain}) and {@code /metrics} (the server's own metrics in the
 * Prometheus text format).
 */
final class OpsRoutes {
  private OpsRoutes() {
  }

  static void mount(Router router, RollupEngine engine, PrometheusMeterRegistry registry, Drain drain) {
    router.get("/").handler(Index::handle);
    router.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
    router.get("/health/ready").handler(ctx -> {
      boolean stopping = drain.begun();
      boolean ready = !stopping && engine.ready();
      ctx.response().setStatusCode(ready ? 200 : 503);
      JsonObject body = new JsonObject().put("status", ready ? "UP" : "DOWN");
      ctx.json(stopping ? body.put("reason", "shutting down") : body);
    });
    router.get("/metrics").handler(ctx -> ctx.vertx().executeBlocking(registry::scrape, false)
        .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
            .end(text))
        .onFailure(ctx::fail));
  }
}
