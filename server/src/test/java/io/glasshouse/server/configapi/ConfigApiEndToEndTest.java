package io.glasshouse.server.configapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.InProcessServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config API against a whole server: every kind's create, replace and delete, validation naming the field,
 * the audit trail, scopes, effect without restart, persistence across a restart, and file objects read-only.
 */
class ConfigApiEndToEndTest {
  static final Instant T0 = Instant.parse("2026-11-29T12:00:00Z");
  static final String ADMIN = "ops-secret";
  static final String READ = "dash-secret";
  static final String INGEST = "fleet-secret";

  @TempDir
  Path dir;
  ManualClock clock = new ManualClock(T0);
  InProcessServer s;

  @BeforeEach
  void start() {
    s = InProcessServer.start(clock, dir, Map.of(), c -> {
      c.override("server", "tokens", new JsonArray().add("ops:" + ADMIN + ":admin").add("dash:" + READ + ":read")
          .add("fleet:" + INGEST + ":ingest"));
      c.override("capacity", "indicators", new JsonArray().add(new JsonObject().put("name", "file-disk")
          .put("service", "api").put("metric", "disk_used_bytes").put("fn", "max")
          .put("capacity", new JsonObject().put("absolute", 500e9))));
    });
  }

  @AfterEach
  void stop() {
    s.close();
  }

  HttpResponse<Buffer> call(HttpMethod method, String path, String token, Object body, String... headers) {
    HttpRequest<Buffer> r = s.client.requestAbs(method, s.url(path));
    if (token != null) {
      r.putHeader("Authorization", "Bearer " + token);
    }
    for (int i = 0; i + 1 < headers.length; i += 2) {
      r.putHeader(headers[i], headers[i + 1]);
    }
    if (body == null) {
      return Await.result(r.send());
    }
    String text = body instanceof JsonObject o ? o.encode() : body.toString();
    return Await.result(r.putHeader("Content-Type", "application/json").sendBuffer(Buffer.buffer(text)));
  }

  HttpResponse<Buffer> admin(HttpMethod method, String path, Object body, String... headers) {
    return call(method, path, ADMIN, body, headers);
  }

  static JsonObject component(String id, String name) {
    return new JsonObject().put("id", id).put("name", name).put("group", "Shop").put("position", 1)
        .put("public", true).put("services", new JsonArray().add("checkout"));
  }

  static JsonObject indicator(String name, double absolute) {
    return new JsonObject().put("name", name).put("service", "api").put("metric", "disk_used_bytes").put("fn", "max")
        .put("capacity", new JsonObject().put("absolute", absolute)).put("unit", "bytes");
  }

  static JsonObject problem(HttpResponse<Buffer> r, int status) {
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(status);
    assertThat(r.getHeader("Content-Type")).isEqualTo("application/problem+json");
    return r.bodyAsJsonObject();
  }

  @Test
  void componentIsCreatedReadReplacedAndDeleted() {
    HttpResponse<Buffer> created = admin(HttpMethod.POST, "/api/v1/config/component", component("checkout", "Checkout"));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    assertThat(created.getHeader("Location")).isEqualTo("/api/v1/config/component/checkout");
    assertThat(created.getHeader("ETag")).isEqualTo("\"1\"");
    JsonObject body = created.bodyAsJsonObject();
    assertThat(body.getString("source")).isEqualTo("api");
    assertThat(body.getString("updatedBy")).isEqualTo("ops");
    assertThat(body.getJsonObject("spec").getString("description")).isEmpty();

    HttpResponse<Buffer> one = admin(HttpMethod.GET, "/api/v1/config/component/checkout", null);
    assertThat(one.bodyAsJsonObject().getJsonObject("spec").getString("name")).isEqualTo("Checkout");

    HttpResponse<Buffer> stale = admin(HttpMethod.PUT, "/api/v1/config/component/checkout",
        component("checkout", "Checkout API"), "If-Match", "\"7\"");
    problem(stale, 412);
    HttpResponse<Buffer> replaced = admin(HttpMethod.PUT, "/api/v1/config/component/checkout",
        component("checkout", "Checkout API").put("public", false), "If-Match", "\"1\"");
    assertThat(replaced.statusCode()).as(replaced.bodyAsString()).isEqualTo(200);
    assertThat(replaced.getHeader("ETag")).isEqualTo("\"2\"");
    assertThat(replaced.bodyAsJsonObject().getJsonObject("spec").getBoolean("public")).isFalse();

    problem(admin(HttpMethod.POST, "/api/v1/config/component", component("checkout", "Again")), 409);
    problem(admin(HttpMethod.PUT, "/api/v1/config/component/checkout", component("other", "X")), 422);

    assertThat(admin(HttpMethod.DELETE, "/api/v1/config/component/checkout", null).statusCode()).isEqualTo(204);
    problem(admin(HttpMethod.GET, "/api/v1/config/component/checkout", null), 404);
    problem(admin(HttpMethod.DELETE, "/api/v1/config/component/checkout", null), 404);
    assertThat(admin(HttpMethod.GET, "/api/v1/config/component", null).bodyAsJsonObject().getJsonArray("items"))
        .isEmpty();
  }

  @Test
  void validationErrorsNameEveryBadField() {
    JsonObject bad = new JsonObject().put("id", "Not An Id").put("position", -1).put("colour", "red")
        .put("services", new JsonArray().add(""));
    JsonObject p = problem(admin(HttpMethod.POST, "/api/v1/config/component", bad), 422);
    List<String> fields = p.getJsonArray("errors").stream().map(o -> ((JsonObject) o).getString("field")).toList();
    assertThat(fields).contains("id", "name", "position", "colour", "services[0]");
    assertThat(p.getString("detail")).contains("name is required").contains("position");

    JsonObject q = problem(admin(HttpMethod.POST, "/api/v1/config/capacity-indicator",
        indicator("x", 1).put("target-utilisation", 1.5)), 422);
    assertThat(q.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("target-utilisation");
    assertThat(q.getString("detail")).contains("between 0 and 1");
    JsonObject fn = problem(admin(HttpMethod.POST, "/api/v1/config/capacity-indicator",
        indicator("x", 1).put("fn", "median")), 422);
    assertThat(fn.getJsonArray("errors").getJsonObject(0).getString("field")).isEqualTo("fn");

    assertThat(problem(admin(HttpMethod.POST, "/api/v1/config/component", "[1, 2]"), 400).getString("detail"))
        .contains("JSON object");
    assertThat(problem(admin(HttpMethod.POST, "/api/v1/config/component", "{nope"), 400).getString("detail"))
        .contains("not valid JSON");
    assertThat(problem(admin(HttpMethod.GET, "/api/v1/config/widget", null), 404).getString("detail"))
        .contains("component", "capacity-indicator");
    assertThat(problem(admin(HttpMethod.PUT, "/api/v1/config/yamlish", "kind: SLO"), 404).getString("detail"))
        .contains("openslo");
    // the OpenSLO parser is registered: a document it cannot read is refused naming the field, nothing applied
    assertThat(problem(admin(HttpMethod.PUT, "/api/v1/config/openslo", "kind: SLO"), 422).getJsonArray("errors")
        .getJsonObject(0).getString("field")).isEqualTo("documents[0].apiVersion");
    assertThat(admin(HttpMethod.GET, "/api/v1/config/audit", null).bodyAsJsonObject().getJsonArray("entries"))
        .as("refused changes leave no trace").isEmpty();
  }

  @Test
  void everyChangeIsAuditedWithWhoWhenBeforeAndAfter() {
    admin(HttpMethod.POST, "/api/v1/config/component", component("a", "A"));
    clock.add(Duration.ofMinutes(1));
    admin(HttpMethod.PUT, "/api/v1/config/component/a", component("a", "A2"));
    clock.add(Duration.ofMinutes(1));
    admin(HttpMethod.DELETE, "/api/v1/config/component/a", null);

    JsonObject page = admin(HttpMethod.GET, "/api/v1/config/audit?limit=2", null).bodyAsJsonObject();
    JsonArray entries = page.getJsonArray("entries");
    assertThat(entries).hasSize(2);
    JsonObject delete = entries.getJsonObject(0);
    assertThat(delete.getString("action")).isEqualTo("delete");
    assertThat(delete.getString("who")).isEqualTo("ops");
    assertThat(delete.getString("at")).isEqualTo(T0.plusSeconds(120).toString());
    assertThat(delete.getJsonObject("before").getString("name")).isEqualTo("A2");
    assertThat(delete.getValue("after")).isNull();
    JsonObject replace = entries.getJsonObject(1);
    assertThat(replace.getString("action")).isEqualTo("replace");
    assertThat(replace.getJsonObject("before").getString("name")).isEqualTo("A");
    assertThat(replace.getJsonObject("after").getString("name")).isEqualTo("A2");

    JsonObject older = admin(HttpMethod.GET, page.getString("next"), null).bodyAsJsonObject();
    assertThat(older.getJsonArray("entries")).hasSize(1);
    assertThat(older.getJsonArray("entries").getJsonObject(0).getString("action")).isEqualTo("create");
    assertThat(older.getJsonArray("entries").getJsonObject(0).getString("at")).isEqualTo(T0.toString());
    assertThat(older.getValue("next")).isNull();
  }

  @Test
  void onlyTheAdminScopeReadsOrChangesConfiguration() {
    JsonObject body = component("a", "A");
    for (String token : new String[] {null, "wrong", READ, INGEST}) {
      HttpResponse<Buffer> post = call(HttpMethod.POST, "/api/v1/config/component", token, body);
      problem(post, 401);
      assertThat(post.getHeader("WWW-Authenticate")).startsWith("Bearer");
      problem(call(HttpMethod.GET, "/api/v1/config/component", token, null), 401);
      problem(call(HttpMethod.GET, "/api/v1/config/audit", token, null), 401);
      problem(call(HttpMethod.DELETE, "/api/v1/config/capacity-indicator/file-disk", token, null), 401);
    }
    String unknown = call(HttpMethod.POST, "/api/v1/config/component", "wrong", body).bodyAsString();
    String lacking = call(HttpMethod.POST, "/api/v1/config/component", READ, body).bodyAsString();
    assertThat(unknown).isEqualTo(lacking).doesNotContain(READ).doesNotContain("dash");
    assertThat(admin(HttpMethod.GET, "/api/v1/config/component", null).bodyAsJsonObject().getJsonArray("items"))
        .isEmpty();
    assertThat(admin(HttpMethod.POST, "/api/v1/config/component", body).statusCode()).isEqualTo(201);
  }

  @Test
  void fileObjectsAreListedAndReadOnly() {
    JsonArray items = admin(HttpMethod.GET, "/api/v1/config/capacity-indicator", null).bodyAsJsonObject()
        .getJsonArray("items");
    assertThat(items).hasSize(1);
    assertThat(items.getJsonObject(0).getString("source")).isEqualTo("file");
    assertThat(items.getJsonObject(0).getBoolean("readOnly")).isTrue();
    assertThat(items.getJsonObject(0).getJsonObject("spec").getJsonObject("capacity").getDouble("absolute"))
        .isEqualTo(500e9);

    JsonObject put = problem(admin(HttpMethod.PUT, "/api/v1/config/capacity-indicator/file-disk",
        indicator("file-disk", 1e12)), 409);
    assertThat(put.getString("detail")).contains("configuration file").contains("edit the file");
    problem(admin(HttpMethod.DELETE, "/api/v1/config/capacity-indicator/file-disk", null), 409);
    problem(admin(HttpMethod.POST, "/api/v1/config/capacity-indicator", indicator("file-disk", 1e12)), 409);
  }

  @Test
  void aCapacityIndicatorTakesEffectWithoutRestart() {
    HttpResponse<Buffer> created = admin(HttpMethod.POST, "/api/v1/config/capacity-indicator",
        indicator("api-disk", 1e12));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    Await.until("api-disk in /api/v1/capacity", () -> capacityNames().contains("api-disk"), Duration.ofSeconds(60));
    assertThat(capacityNames()).contains("file-disk");
    assertThat(call(HttpMethod.GET, "/api/v1/capacity/api-disk", READ, null).statusCode()).isIn(200, 503);

    assertThat(admin(HttpMethod.DELETE, "/api/v1/config/capacity-indicator/api-disk", null).statusCode())
        .isEqualTo(204);
    Await.until("api-disk gone from /api/v1/capacity", () -> !capacityNames().contains("api-disk"),
        Duration.ofSeconds(60));
    assertThat(call(HttpMethod.GET, "/api/v1/capacity/api-disk", READ, null).statusCode()).isEqualTo(404);
  }

  private List<String> capacityNames() {
    HttpResponse<Buffer> r = call(HttpMethod.GET, "/api/v1/capacity", READ, null);
    if (r.statusCode() != 200) {
      return List.of();
    }
    return r.bodyAsJsonObject().getJsonArray("indicators").stream()
        .map(o -> ((JsonObject) o).getString("name")).toList();
  }

  @Test
  void objectsAndTheirAuditTrailSurviveARestart() throws Exception {
    admin(HttpMethod.POST, "/api/v1/config/component", component("a", "A"));
    admin(HttpMethod.POST, "/api/v1/config/capacity-indicator", indicator("api-disk", 1e12));
    admin(HttpMethod.PUT, "/api/v1/config/component/a", component("a", "A2"));

    s.restart();

    JsonObject a = admin(HttpMethod.GET, "/api/v1/config/component/a", null).bodyAsJsonObject();
    assertThat(a.getJsonObject("spec").getString("name")).isEqualTo("A2");
    assertThat(a.getLong("version")).isEqualTo(2);
    assertThat(admin(HttpMethod.GET, "/api/v1/config/capacity-indicator", null).bodyAsJsonObject()
        .getJsonArray("items").stream().map(o -> ((JsonObject) o).getString("id")).toList())
        .containsExactly("file-disk", "api-disk");
    Await.until("api-disk in /api/v1/capacity after restart", () -> capacityNames().contains("api-disk"),
        Duration.ofSeconds(60));
    assertThat(admin(HttpMethod.GET, "/api/v1/config/audit", null).bodyAsJsonObject().getJsonArray("entries"))
        .hasSize(3);
  }
}
