package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.query.QueryLimits;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.statuspage.StatusPageRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Queries over the configured limits get a 400 problem saying by how much and what to narrow. The fixture's
 * request counter has 3 series with a minute each in the last hour: 180 cells, 60 windows at 1m.
 */
@ExtendWith(VertxExtension.class)
class QueryLimitsApiTest {
  private static final String QUERY = "/api/v1/services/checkout/metrics/http_server_requests/query";
  private final ManualClock clock = new ManualClock(ReadApiFixture.NOW);
  private WebClient client;
  private int port;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    Router router = Router.router(vertx);
    StatusPageRoutes.mount(router, ReadApiFixture.reader(), clock, new QueryLimits(150, 100));
    client = WebClient.create(vertx);
    vertx.createHttpServer().requestHandler(router).listen(0).onComplete(ctx.succeeding(server -> {
      port = server.actualPort();
      ctx.completeNow();
    }));
  }

  private Future<HttpResponse<Buffer>> get(String... params) {
    HttpRequest<Buffer> req = client.get(port, "localhost", QUERY);
    for (int i = 0; i < params.length; i += 2) {
      req.addQueryParam(params[i], params[i + 1]);
    }
    return req.send();
  }

  private static void expectTooLarge(VertxTestContext ctx, Future<HttpResponse<Buffer>> f, String parameter,
      long needed, long limit, String... detail) {
    f.onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(400);
      assertThat(resp.getHeader("content-type")).isEqualTo("application/problem+json");
      JsonObject p = resp.bodyAsJsonObject();
      assertThat(p.getString("type")).isEqualTo("/problems/query-too-large");
      assertThat(p.getString("parameter")).isEqualTo(parameter);
      assertThat(p.getLong("needed")).isEqualTo(needed);
      assertThat(p.getLong("limit")).isEqualTo(limit);
      assertThat(p.getLong("over")).isEqualTo(needed - limit);
      assertThat(p.getString("detail")).contains(detail);
      ctx.completeNow();
    })));
  }

  @Test
  void aQueryReadingMoreCellsThanTheLimitIsRefusedSayingByHowMuch(VertxTestContext ctx) {
    expectTooLarge(ctx, get("fn", "increase"), "match", 180, 150,
        "up to 180 minute cells (3 series × 60 minutes), 30 over the limit of 150 (rollup.query-max-cells)",
        "select fewer series with 'match' or shorten 'from'/'to' (at most 50 minutes for 3 series)");
  }

  @Test
  void narrowingTheMatchBringsTheQueryUnderTheLimit(VertxTestContext ctx) {
    get("fn", "increase", "match", "uri=\"/a\"").onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(200);
      ctx.completeNow();
    })));
  }

  @Test
  void aQueryReturningMorePointsThanTheLimitIsRefusedSayingByHowMuch(VertxTestContext ctx) {
    expectTooLarge(ctx, get("fn", "increase", "match", "uri=\"/a\"", "by", "status"), "step", 120, 100,
        "up to 120 points (2 groups × 60 windows), 20 over the limit of 100 (rollup.query-max-points)",
        "raise 'step'", "at most 50 windows");
  }
}
