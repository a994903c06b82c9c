package io.glasshouse.statuspage.capacity;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.capacity.CapacityConfig;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The capacity routes over HTTP, answering from a planner that has refreshed once on a real engine. */
class CapacityRoutesTest {
  static final String TOKEN = "s3cret-staff";
  Vertx vertx;
  WebClient client;
  int port;
  int noTokensPort;
  int notReadyPort;

  @BeforeEach
  void setUp() {
    CapacityFixture fx = CapacityFixture.get();
    vertx = Vertx.vertx();
    client = WebClient.create(vertx);
    port = listen(fx.planner, Set.of(TOKEN, "other"));
    noTokensPort = listen(fx.planner, Set.of());
    notReadyPort = listen(new CapacityPlanner(fx.engine, fx.config, fx.clock), Set.of(TOKEN));
  }

  @AfterEach
  void tearDown() {
    await(vertx.close());
  }

  private int listen(CapacityPlanner planner, Set<String> tokens) {
    Router router = Router.router(vertx);
    CapacityRoutes.mount(router, planner, tokens, CapacityFixture.get().clock);
    return await(vertx.createHttpServer().requestHandler(router).listen(0)).actualPort();
  }

  private HttpResponse<Buffer> get(int port, String path, String bearer) {
    HttpRequest<Buffer> req = client.get(port, "localhost", path);
    if (bearer != null) {
      req.putHeader("Authorization", "Bearer " + bearer);
    }
    return await(req.send());
  }

  private static JsonObject problem(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).isEqualTo(status);
    assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getInteger("status")).isEqualTo(status);
    return p;
  }

  @Test
  void listsEveryIndicatorWithSeverityForAlertRules() {
    HttpResponse<Buffer> r = get(port, "/api/v1/capacity", null);
    assertThat(r.statusCode()).isEqualTo(200);
    JsonObject body = r.bodyAsJsonObject();
    assertThat(body.getBoolean("stale")).isFalse();
    assertThat(body.getJsonArray("indicators")).hasSize(4);
    JsonObject disk = body.getJsonArray("indicators").getJsonObject(1);
    assertThat(disk.getString("suggestedSeverity")).isEqualTo("page");
    assertThat(disk.containsKey("history")).isFalse();
  }

  @Test
  void oneIndicatorCarriesChartData() {
    HttpResponse<Buffer> r = get(port, "/api/v1/capacity/cache-mem", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.bodyAsJsonObject().getString("suggestedSeverity")).isEqualTo("ticket");
    assertThat(r.bodyAsJsonObject().getJsonArray("path")).isNotEmpty();
    assertThat(problem(get(port, "/api/v1/capacity/nosuch", null), 404).getString("detail"))
        .contains("cache-mem, db-disk, web-rps, ghost-cpu");
  }

  @Test
  void answers503UntilTheFirstRefresh() {
    HttpResponse<Buffer> r = get(notReadyPort, "/api/v1/capacity", null);
    problem(r, 503);
    assertThat(r.getHeader("retry-after")).isNotNull();
    problem(get(notReadyPort, "/api/v1/capacity/db-disk", null), 503);
    problem(get(notReadyPort, "/reports/capacity", TOKEN), 503);
  }

  @Test
  void reportNeedsAStaffToken() {
    for (String path : new String[] {"/reports/capacity", "/reports/capacity.csv", "/reports/capacity.json"}) {
      HttpResponse<Buffer> none = get(port, path, null);
      assertThat(problem(none, 401).getString("detail")).contains("Authorization: Bearer");
      assertThat(none.getHeader("www-authenticate")).startsWith("Bearer");
      problem(get(port, path, "wrong"), 401);
      problem(get(port, path + "?token=wrong", null), 401);
      assertThat(problem(get(noTokensPort, path, TOKEN), 403).getString("detail")).contains("server.staff-tokens");
    }
  }

  @Test
  void reportServesHtmlCsvAndJsonToStaff() throws Exception {
    HttpResponse<Buffer> html = get(port, "/reports/capacity?token=" + TOKEN, null);
    assertThat(html.statusCode()).isEqualTo(200);
    assertThat(html.getHeader("content-type")).startsWith("text/html");
    assertThat(html.getHeader("cache-control")).isEqualTo("no-store");
    String page = html.bodyAsString();
    CapacityReportTest.parseXml(page);
    assertThat(page).contains("href=\"/reports/capacity.csv?token=" + TOKEN + "\"");

    HttpResponse<Buffer> csv = get(port, "/reports/capacity.csv", "other");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.getHeader("content-type")).startsWith("text/csv");
    assertThat(csv.bodyAsString()).startsWith(String.join(",", CapacityCsv.CSV_FIXED_COLUMNS));

    HttpResponse<Buffer> json = get(port, "/reports/capacity.json", TOKEN);
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.bodyAsJsonObject().getJsonArray("indicators").getJsonObject(0).getString("name"))
        .isEqualTo("db-disk");
  }

  @Test
  void emptyConfigurationStillAnswers() {
    CapacityPlanner empty = new CapacityPlanner(CapacityFixture.get().engine, CapacityConfig.empty(),
        CapacityFixture.get().clock);
    await(empty.start(vertx));
    empty.stop();
    int p = listen(empty, Set.of(TOKEN));
    assertThat(get(p, "/api/v1/capacity", null).bodyAsJsonObject().getJsonArray("indicators")).isEmpty();
    assertThat(get(p, "/reports/capacity", TOKEN).statusCode()).isEqualTo(200);
  }

  static <T> T await(Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("future did not complete: " + e, e);
    }
  }

  @Test
  void reportForbidsFramingSniffingAndInlineScriptAndServesItsScriptAsAFile() {
    HttpResponse<Buffer> page = get(port, "/reports/capacity", TOKEN);
    HttpResponse<Buffer> script = get(port, "/reports/capacity.js", null);
    HttpResponse<Buffer> refused = get(port, "/reports/capacity", null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.getHeader("x-content-type-options")).isEqualTo("nosniff");
    String csp = page.getHeader("content-security-policy");
    assertThat(csp).contains("frame-ancestors 'none'").contains("script-src 'self'").doesNotContain("script-src 'unsafe-inline'");
    assertThat(page.bodyAsString()).contains("<script src=\"/reports/capacity.js\"></script>")
        .doesNotContain("<script>");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.getHeader("content-type")).startsWith("text/javascript");
    assertThat(script.getHeader("x-content-type-options")).isEqualTo("nosniff");
    assertThat(script.bodyAsString()).contains("addEventListener('click'");
    assertThat(refused.getHeader("x-content-type-options")).isEqualTo("nosniff");
    assertThat(get(port, "/api/v1/capacity", null).getHeader("x-content-type-options")).isEqualTo("nosniff");
    assertThat(get(port, "/api/v1/capacity/no-such", null).getHeader("x-content-type-options")).isEqualTo("nosniff");
  }
}
