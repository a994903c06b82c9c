package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.series.RollupReader;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.statuspage.StatusPageRoutes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ReadApiTest {
  private static final String QUERY = "/api/v1/services/checkout/metrics/http_server_requests/query";
  private final ManualClock clock = new ManualClock(ReadApiFixture.NOW);
  private WebClient client;
  private int port;

  @BeforeEach
  void start(Vertx vertx, VertxTestContext ctx) {
    startWith(vertx, ctx, ReadApiFixture.reader());
  }

  void startWith(Vertx vertx, VertxTestContext ctx, RollupReader reader) {
    Router router = Router.router(vertx);
    StatusPageRoutes.mount(router, reader, clock);
    client = WebClient.create(vertx);
    vertx.createHttpServer().requestHandler(router).listen(0)
        .onComplete(ctx.succeeding(server -> {
          port = server.actualPort();
          ctx.completeNow();
        }));
  }

  /** GET {@code path} with alternating query parameter names and values. */
  private Future<HttpResponse<Buffer>> get(String path, String... params) {
    HttpRequest<Buffer> req = client.get(port, "localhost", path);
    for (int i = 0; i < params.length; i += 2) {
      req.addQueryParam(params[i], params[i + 1]);
    }
    return req.send();
  }

  private static void expect(VertxTestContext ctx, Future<HttpResponse<Buffer>> f,
      Consumer<HttpResponse<Buffer>> check) {
    f.onComplete(ctx.succeeding(resp -> ctx.verify(() -> {
      check.accept(resp);
      ctx.completeNow();
    })));
  }

  private static void expectJson(VertxTestContext ctx, Future<HttpResponse<Buffer>> f, Consumer<JsonObject> check) {
    expect(ctx, f, resp -> {
      assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(200);
      assertThat(resp.getHeader("content-type")).isEqualTo("application/json");
      check.accept(resp.bodyAsJsonObject());
    });
  }

  private static void expectProblem(VertxTestContext ctx, Future<HttpResponse<Buffer>> f, int status,
      String parameter, String detailFragment) {
    expect(ctx, f, resp -> {
      assertThat(resp.statusCode()).as(resp.bodyAsString()).isEqualTo(status);
      assertThat(resp.getHeader("content-type")).isEqualTo("application/problem+json");
      JsonObject p = resp.bodyAsJsonObject();
      assertThat(p.fieldNames()).contains("type", "title", "status", "detail", "instance");
      assertThat(p.getInteger("status")).isEqualTo(status);
      assertThat(p.getString("parameter")).isEqualTo(parameter);
      assertThat(p.getString("detail")).contains(detailFragment);
      assertThat(resp.bodyAsString()).doesNotContain("Exception").doesNotContain("\tat ");
    });
  }

  @Test
  void servicesListInstanceAndSeriesCounts(VertxTestContext ctx) {
    expectJson(ctx, get("/api/v1/services"), json -> {
      assertThat(json.getJsonArray("services")).containsExactly(
          new JsonObject().put("service", "billing").put("liveInstances", 1).put("staleInstances", 0)
              .put("seriesCount", 0),
          new JsonObject().put("service", "checkout").put("liveInstances", 1).put("staleInstances", 1)
              .put("seriesCount", 5));
    });
  }

  @Test
  void instancesShowFirstAndLastSeenLivenessAndVersion(VertxTestContext ctx) {
    expectJson(ctx, get("/api/v1/services/checkout/instances"), json -> {
      assertThat(json.getString("service")).isEqualTo("checkout");
      JsonArray list = json.getJsonArray("instances");
      assertThat(list.getJsonObject(0)).isEqualTo(new JsonObject().put("instance", "checkout-0")
          .put("firstSeen", "2026-05-01T08:30:00Z").put("lastSeen", "2026-05-01T11:00:00Z").put("live", false)
          .putNull("version").put("state", "stale").put("outlier", false).putNull("judgement")
          .put("figures", new JsonArray()).put("deviations", new JsonArray()));
      assertThat(list.getJsonObject(1).getString("lastSeen")).isEqualTo("2026-05-01T11:59:55Z");
      assertThat(list.getJsonObject(1).getString("version")).isEqualTo("1.42.0");
    });
  }

  @Test
  void instancesShowTheirFiguresAndOutlierFlagsWithTheFiguresThatShowWhy(VertxTestContext ctx) {
    expectJson(ctx, get("/api/v1/services/checkout/instances"),
        json -> {
          assertThat(json.getJsonObject("health").getJsonArray("outliers")).containsExactly("checkout-1");
          assertThat(json.getJsonObject("health").getString("judgedWindow")).isEqualTo("PT5M");
          JsonObject i = json.getJsonArray("instances").getJsonObject(1);
          assertThat(i.getString("instance")).isEqualTo("checkout-1");
          assertThat(i.getString("state")).isEqualTo("live");
          assertThat(i.getString("version")).isEqualTo("1.42.0");
          assertThat(i.getBoolean("outlier")).isTrue();
          assertThat(i.getString("judgement")).isEqualTo("judged");
          JsonObject f = i.getJsonArray("figures").getJsonObject(0);
          assertThat(f.getString("window")).isEqualTo("PT5M");
          assertThat(f.getDouble("errorRatio")).isEqualTo(0.2);
          assertThat(f.getDouble("ratePerSecond")).isEqualTo(10.0);
          assertThat(f.containsKey("p99")).isTrue();
          assertThat(f.getValue("p99")).isNull();
          JsonObject d = i.getJsonArray("deviations").getJsonObject(0);
          assertThat(d.getString("signal")).isEqualTo("error_ratio");
          assertThat(d.getDouble("value")).isEqualTo(0.2);
          assertThat(d.getDouble("peerMedian")).isEqualTo(0.002);
          assertThat(d.getDouble("mad")).isEqualTo(0.001);
          assertThat(d.getDouble("score")).isEqualTo(40.1);
          assertThat(d.getDouble("threshold")).isEqualTo(3.5);
          assertThat(d.getString("deviatingSince")).isEqualTo("2026-05-01T11:58:00Z");
          assertThat(d.getBoolean("outlier")).isTrue();
        });
  }

  @Test
  void metricsListKindsAndTheFunctionsThatApply(VertxTestContext ctx) {
    expectJson(ctx, get("/api/v1/services/checkout/metrics"), json -> {
      JsonArray list = json.getJsonArray("metrics");
      assertThat(list).hasSize(3);
      assertThat(list.getJsonObject(1)).isEqualTo(new JsonObject().put("metric", "http_server_requests")
          .put("kind", "counter").put("seriesCount", 3).put("fns", new JsonArray().add("increase").add("rate")));
      assertThat(list.getJsonObject(0).getString("kind")).isEqualTo("histogram");
      assertThat(list.getJsonObject(2).getString("kind")).isEqualTo("gauge");
    });
  }

  @Test
  void queryDefaultsToTheLastHourAtOneMinuteSteps(VertxTestContext ctx) {
    expectJson(ctx, get(QUERY, "fn", "increase"), json -> {
      assertThat(json.getString("from")).isEqualTo("2026-05-01T11:00:00Z");
      assertThat(json.getString("to")).isEqualTo("2026-05-01T12:00:00Z");
      assertThat(json.getString("step")).isEqualTo("PT1M");
      assertThat(json.getString("resolution")).isEqualTo("1m");
      JsonObject only = json.getJsonArray("series").getJsonObject(0);
      assertThat(only.getJsonObject("labels")).isEqualTo(new JsonObject());
      JsonArray points = only.getJsonArray("points");
      assertThat(points).hasSize(60);
      assertThat(points.getJsonObject(0)).isEqualTo(new JsonObject().put("t", "2026-05-01T11:01:00Z").put("v", 186.0));
      assertThat(points.getJsonObject(59).getString("t")).isEqualTo("2026-05-01T12:00:00Z");
    });
  }

  @Test
  void queryRateFiltersByMatchAndGroupsBy(VertxTestContext ctx) {
    expectJson(ctx, get(QUERY, "fn", "rate", "match", "uri=\"/a\"", "by", "status", "from", "2026-05-01T11:00:00Z",
        "to", "2026-05-01T11:10:00Z", "step", "5m"), json -> {
          assertThat(json.getString("fn")).isEqualTo("rate");
          assertThat(json.getString("step")).isEqualTo("PT5M");
          JsonArray series = json.getJsonArray("series");
          assertThat(series).hasSize(2);
          assertThat(series.getJsonObject(0)).isEqualTo(new JsonObject()
              .put("labels", new JsonObject().put("status", "200"))
              .put("points", new JsonArray()
                  .add(new JsonObject().put("t", "2026-05-01T11:05:00Z").put("v", 1.0))
                  .add(new JsonObject().put("t", "2026-05-01T11:10:00Z").put("v", 1.0))));
          assertThat(series.getJsonObject(1).getJsonObject("labels").getString("status")).isEqualTo("503");
          assertThat(series.getJsonObject(1).getJsonArray("points").getJsonObject(0).getDouble("v")).isEqualTo(0.1);
        });
  }

  @Test
  void queryRegexMatchSelectsErrorSeries(VertxTestContext ctx) {
    expectJson(ctx, get(QUERY, "fn", "increase", "match", "status=~\"5..\"", "step", "1h"), json -> {
      assertThat(json.getString("resolution")).as("whole hours are read from hour cells").isEqualTo("1h");
      JsonArray points = json.getJsonArray("series").getJsonObject(0).getJsonArray("points");
      assertThat(points).containsExactly(new JsonObject().put("t", "2026-05-01T12:00:00Z").put("v", 360.0));
    });
  }

  @Test
  void gaugeAverageOverAllReadings(VertxTestContext ctx) {
    expectJson(ctx, get("/api/v1/services/checkout/metrics/queue_depth/query", "fn", "avg", "step", "1h"),
        json -> assertThat(json.getJsonArray("series").getJsonObject(0).getJsonArray("points").getJsonObject(0)
            .getDouble("v")).isEqualTo(6.0));
  }

  @Test
  void histogramPercentilesAreInSeconds(VertxTestContext ctx) {
    expectJson(ctx, get("/api/v1/services/checkout/metrics/http_server_duration/query", "fn", "p50", "step", "1h"),
        json -> {
          assertThat(json.getDouble("q")).isEqualTo(0.5);
          double v = json.getJsonArray("series").getJsonObject(0).getJsonArray("points").getJsonObject(0)
              .getDouble("v");
          assertThat(v).isBetween(0.010, 0.0101);
        });
  }

  @Test
  void histogramFractionAtOrBelowThreshold(VertxTestContext ctx) {
    expectJson(ctx, get("/api/v1/services/checkout/metrics/http_server_duration/query", "fn", "fraction_le",
        "threshold", "0.25", "step", "30m"), json -> {
          assertThat(json.getDouble("threshold")).isEqualTo(0.25);
          JsonArray points = json.getJsonArray("series").getJsonObject(0).getJsonArray("points");
          assertThat(points).hasSize(2);
          assertThat(points.getJsonObject(1).getDouble("v")).isEqualTo(0.99);
        });
  }

  @Test
  void openApiDocumentIsServedAsYamlShownInline(VertxTestContext ctx) {
    expect(ctx, get("/openapi.yaml"), resp -> {
      assertThat(resp.statusCode()).isEqualTo(200);
      // issue #8: application/yaml made browsers download it; text/yaml inline is shown
      assertThat(resp.getHeader("content-type")).isEqualTo("text/yaml; charset=utf-8");
      assertThat(resp.getHeader("content-disposition")).startsWith("inline");
      assertThat(resp.bodyAsString()).startsWith("openapi: 3.1.0");
    });
  }

  @Test
  void unknownServiceIs404(VertxTestContext ctx) {
    expectProblem(ctx, get("/api/v1/services/nope/instances"), 404, null, "No service named 'nope'");
  }

  @Test
  void unknownServiceMetricsIs404(VertxTestContext ctx) {
    expectProblem(ctx, get("/api/v1/services/nope/metrics"), 404, null, "GET /api/v1/services lists");
  }

  @Test
  void unknownServiceQueryIs404(VertxTestContext ctx) {
    expectProblem(ctx, get("/api/v1/services/nope/metrics/x/query", "fn", "rate"), 404, null, "'nope'");
  }

  @Test
  void unknownMetricIs404(VertxTestContext ctx) {
    expectProblem(ctx, get("/api/v1/services/checkout/metrics/nope/query", "fn", "rate"), 404, null,
        "Service 'checkout' has no metric named 'nope'");
  }

  @Test
  void functionOfAnotherKindIs400NamingTheFunctionsThatApply(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY, "fn", "p99"), 400, "fn",
        "fn=p99 does not apply to http_server_requests, a counter; use one of increase, rate.");
  }

  @Test
  void missingFnIs400(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY), 400, "fn", "Parameter 'fn' is required");
  }

  @Test
  void unknownFnIs400(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY, "fn", "median"), 400, "fn", "Unknown fn 'median'");
  }

  @Test
  void malformedMatchIs400WithThePosition(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY, "fn", "rate", "match", "status=5"), 400, "match",
        "expected a quoted value for label 'status', e.g. status=\"value\" at character 8");
  }

  @Test
  void malformedFromIs400(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY, "fn", "rate", "from", "yesterday"), 400, "from", "ISO-8601");
  }

  @Test
  void malformedToIs400(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY, "fn", "rate", "to", "12:00"), 400, "to", "ISO-8601");
  }

  @Test
  void fromAfterToIs400(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY, "fn", "rate", "from", "2026-05-01T12:00:00Z", "to", "2026-05-01T11:00:00Z"), 400,
        "from", "must be before 'to'");
  }

  @Test
  void malformedStepIs400(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY, "fn", "rate", "step", "5 minutes"), 400, "step", "use e.g. 1m, 5m");
  }

  @Test
  void subMinuteStepIs400(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY, "fn", "rate", "step", "30s"), 400, "step", "whole number of minutes");
  }

  @Test
  void tooManyPointsIs400AskingForALargerStep(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY, "fn", "rate", "from", "2026-01-01T00:00:00Z"), 400, "step", "raise 'step'");
  }

  @Test
  void quantileOutOfRangeIs400(VertxTestContext ctx) {
    expectProblem(ctx, get("/api/v1/services/checkout/metrics/http_server_duration/query", "fn", "quantile", "q",
        "95"), 400, "q", "between 0 and 1");
  }

  @Test
  void fractionLeWithoutThresholdIs400(VertxTestContext ctx) {
    expectProblem(ctx, get("/api/v1/services/checkout/metrics/http_server_duration/query", "fn", "fraction_le"),
        400, "threshold", "threshold in seconds");
  }

  @Test
  void invalidByLabelIs400(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY, "fn", "rate", "by", "status,1uri"), 400, "by", "'1uri' is not one");
  }

  @Test
  void repeatedSingleParameterIs400(VertxTestContext ctx) {
    expectProblem(ctx, get(QUERY, "fn", "rate", "fn", "increase"), 400, "fn", "given 2 times");
  }
}
