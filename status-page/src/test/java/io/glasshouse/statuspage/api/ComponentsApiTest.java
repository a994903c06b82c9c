package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The component status API over HTTP, on a real evaluator and SQLite store. */
@ExtendWith(VertxExtension.class)
class ComponentsApiTest {
  private static final String TOKEN = "s3cret-staff-token";
  @TempDir
  Path dir;
  private StatusFixture status;
  private WebClient client;
  private int port;

  @BeforeEach
  void start(Vertx vertx) {
    status = new StatusFixture(vertx, dir);
    Router router = Router.router(vertx);
    ComponentsApi.mount(router, status.evaluator, ScopeCheck.admin(io.glasshouse.rollup.access.AccessTokens.of(io.glasshouse.rollup.access.AccessTokens.named("staff", Set.of(TOKEN), Set.of(io.glasshouse.rollup.access.Scope.READ, io.glasshouse.rollup.access.Scope.ADMIN)), Set.of())), status.clock);
    port = StatusFixture.await(vertx.createHttpServer().requestHandler(router).listen(0)).actualPort();
    client = WebClient.create(vertx);
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> r = client.request(method, port, "localhost", path);
    if (token != null) {
      r.bearerTokenAuthentication(token);
    }
    Future<HttpResponse<Buffer>> f = body == null ? r.send() : r.sendJsonObject(body);
    return StatusFixture.await(f);
  }

  private JsonObject get(String path) {
    HttpResponse<Buffer> r = send(HttpMethod.GET, path, null, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject();
  }

  private static void assertProblem(HttpResponse<Buffer> r, int status, String parameter) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getString("detail")).isNotBlank();
    if (parameter != null) {
      assertThat(p.getString("parameter")).isEqualTo(parameter);
    }
  }

  @Test
  void componentsShowTheirStatusTheRuleThatSetItAndThePageIndicator() {
    JsonObject all = get("/api/v1/components");
    assertThat(all.getJsonObject("page").getString("indicator")).isEqualTo("none");
    assertThat(all.getJsonArray("components")).hasSize(3);
    assertThat(all.getJsonArray("components").getJsonObject(0).getString("status")).isEqualTo("operational");
    assertThat(all.getJsonArray("components").getJsonObject(0).getString("rule")).isEqualTo("all_clear");

    status.inputs.set(StatusFixture.live(0, 2, 1));
    status.clock.add(Duration.ofSeconds(10));
    StatusFixture.await(status.evaluator.evaluate());
    JsonObject checkout = get("/api/v1/components/checkout");
    assertThat(checkout.getString("status")).isEqualTo("major_outage");
    assertThat(checkout.getString("rule")).isEqualTo("no_live_instance");
    assertThat(checkout.getJsonObject("reason").getString("service")).isEqualTo("checkout");
    assertThat(checkout.getJsonObject("reason").getString("since")).isEqualTo(status.clock.instant().toString());
    assertThat(checkout.getString("since")).isEqualTo(status.clock.instant().toString());
    JsonObject page = get("/api/v1/components").getJsonObject("page");
    assertThat(page.getString("indicator")).isEqualTo("major");
    assertThat(page.getString("description")).isEqualTo("Partial System Outage");
  }

  @Test
  void historyHasOneEntryPerDayAndRefusesBadDays() {
    status.clock.add(Duration.ofSeconds(30));
    StatusFixture.await(status.evaluator.evaluate());
    JsonObject h = get("/api/v1/components/checkout/history?days=3");
    assertThat(h.getJsonArray("days")).hasSize(3);
    JsonObject today = h.getJsonArray("days").getJsonObject(2);
    assertThat(today.getString("date")).isEqualTo("2026-05-01");
    assertThat(today.getJsonObject("minutes").getLong("operational")).isEqualTo(1);
    assertThat(today.getDouble("uptimePercent")).isEqualTo(100.0);
    assertThat(h.getJsonArray("days").getJsonObject(0).getValue("uptimePercent")).isNull();
    assertThat(get("/api/v1/components/checkout/history").getJsonArray("days")).hasSize(90);
    assertProblem(send(HttpMethod.GET, "/api/v1/components/checkout/history?days=0", null, null), 400, "days");
    assertProblem(send(HttpMethod.GET, "/api/v1/components/checkout/history?days=91", null, null), 400, "days");
    assertProblem(send(HttpMethod.GET, "/api/v1/components/nope/history", null, null), 404, null);
  }

  @Test
  void overrideNeedsAStaffTokenWinsUntilItExpiresAndIsAudited() {
    JsonObject body = new JsonObject().put("status", "partial_outage").put("reason", "EU customers see errors")
        .put("expiresIn", "30m").put("by", "alice");
    assertProblem(send(HttpMethod.POST, "/api/v1/components/search/override", null, body), 401, null);
    assertProblem(send(HttpMethod.POST, "/api/v1/components/search/override", "wrong", body), 401, null);

    JsonObject set = send(HttpMethod.POST, "/api/v1/components/search/override", TOKEN, body).bodyAsJsonObject();
    assertThat(set.getString("status")).isEqualTo("partial_outage");
    assertThat(set.getString("rule")).isEqualTo("override");
    assertThat(set.getJsonObject("override").getString("by")).isEqualTo("alice (staff-1)").doesNotContain(TOKEN);
    assertThat(set.getJsonObject("override").getString("expiresAt"))
        .isEqualTo(status.clock.instant().plus(Duration.ofMinutes(30)).toString());
    assertThat(get("/api/v1/components").getJsonObject("page").getString("indicator")).isEqualTo("minor");

    status.clock.add(Duration.ofMinutes(30));
    StatusFixture.await(status.evaluator.evaluate());
    assertThat(get("/api/v1/components/search").getString("status")).isEqualTo("operational");
    JsonObject audit = send(HttpMethod.GET, "/api/v1/components/search/override/audit", TOKEN, null)
        .bodyAsJsonObject();
    assertThat(audit.getJsonArray("changes").stream().map(c -> ((JsonObject) c).getString("action")))
        .containsExactly("expired", "set");
    assertProblem(send(HttpMethod.GET, "/api/v1/components/search/override/audit", null, null), 401, null);
  }

  @Test
  void clearingAnOverrideShowsTheDerivedStatusAgain() {
    send(HttpMethod.POST, "/api/v1/components/checkout/override", TOKEN, new JsonObject()
        .put("status", "major_outage").put("reason", "payments provider down")
        .put("expiresAt", status.clock.instant().plus(Duration.ofHours(2)).toString()));
    assertThat(get("/api/v1/components/checkout").getString("status")).isEqualTo("major_outage");
    HttpResponse<Buffer> cleared = send(HttpMethod.DELETE, "/api/v1/components/checkout/override", TOKEN, null);
    assertThat(cleared.statusCode()).isEqualTo(200);
    assertThat(cleared.bodyAsJsonObject().getString("status")).isEqualTo("operational");
    assertThat(cleared.bodyAsJsonObject().getJsonObject("cleared").getString("action")).isEqualTo("cleared");
    assertProblem(send(HttpMethod.DELETE, "/api/v1/components/checkout/override", TOKEN, null), 404, null);
  }

  @Test
  void badOverridesAreRefusedNamingTheFieldAndChangeNothing() {
    String path = "/api/v1/components/checkout/override";
    JsonObject ok = new JsonObject().put("status", "major_outage").put("reason", "r").put("expiresIn", "1h");
    assertProblem(send(HttpMethod.POST, path, TOKEN, ok.copy().put("status", "down")), 400, "status");
    assertProblem(send(HttpMethod.POST, path, TOKEN, ok.copy().put("reason", " ")), 400, "reason");
    assertProblem(send(HttpMethod.POST, path, TOKEN, ok.copy().put("colour", "red")), 400, "colour");
    assertProblem(send(HttpMethod.POST, path, TOKEN, ok.copy().put("expiresAt", "2026-05-01T13:00:00Z")), 400,
        "expiresAt");
    assertProblem(send(HttpMethod.POST, path, TOKEN, ok.copy().put("expiresIn", "forever")), 400, "expiresIn");
    assertProblem(send(HttpMethod.POST, path, TOKEN, ok.copy().put("expiresIn", "31d")), 400, "expiresIn");
    JsonObject past = ok.copy();
    past.remove("expiresIn");
    assertProblem(send(HttpMethod.POST, path, TOKEN, past.put("expiresAt", "2026-05-01T11:00:00Z")), 400,
        "expiresAt");
    HttpResponse<Buffer> notJson = StatusFixture.await(client.post(port, "localhost", path).bearerTokenAuthentication(
        TOKEN).sendBuffer(Buffer.buffer("{not json")));
    assertProblem(notJson, 400, "body");
    assertProblem(send(HttpMethod.POST, "/api/v1/components/nope/override", TOKEN, ok), 404, null);

    assertThat(get("/api/v1/components/checkout").getString("status")).isEqualTo("operational");
    assertThat(get("/api/v1/components/checkout").getValue("override")).isNull();
    assertThat(send(HttpMethod.GET, path + "/audit", TOKEN, null).bodyAsJsonObject().getJsonArray("changes")).isEmpty();
  }
}
