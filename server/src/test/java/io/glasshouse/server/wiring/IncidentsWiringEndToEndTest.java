package io.glasshouse.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.server.e2e.TestServer;
import io.glasshouse.statuspage.incident.Incident;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole server with incidents wired in: the admin API, incidents driving component status, maintenance that
 * starts by itself on the server's clock, {@code <data>/incidents.db} surviving a restart, and the IncidentLog the
 * page and feeds read.
 */
class IncidentsWiringEndToEndTest {
  private static final String TOKEN = "e2e-staff-token-incidents";
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
  @RegisterExtension
  final TestServer gh = new TestServer(clock);
  private Glasshouse server;

  @BeforeEach
  void start() {
    server = gh.start(config(Map.of("check-every", "50ms")));
  }

  private GlasshouseConfig config(Map<String, Object> incidents) {
    GlasshouseConfig c = gh.config();
    c.override("server", "event-loops", 1);
    c.override("server", "staff-tokens", new JsonArray().add(TOKEN));
    c.override("server", "open-read", true);
    c.override("components", "items", new JsonArray(List.of(TestServer.component("checkout", "Checkout", "checkout"),
        TestServer.component("search", "Search", "search"))));
    incidents.forEach((k, v) -> c.override("incidents", k, v));
    return c;
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> r = gh.client().request(method, gh.port(), "127.0.0.1", path);
    if (token != null) {
      r.bearerTokenAuthentication(token);
    }
    return Await.result(body == null ? r.send() : r.sendJsonObject(body));
  }

  private String status(String component) {
    HttpResponse<Buffer> r = send(HttpMethod.GET, "/api/v1/components/" + component, null, null);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(200);
    return r.bodyAsJsonObject().getString("status");
  }

  @Test
  void incidentsDriveStatusMaintenanceStartsByItselfAndBothSurviveARestart() throws Exception {
    HttpResponse<Buffer> created = send(HttpMethod.POST, "/api/v1/incidents", TOKEN, new JsonObject()
        .put("name", "Checkout errors").put("impact", "major").put("status", "investigating")
        .put("body", "Orders fail.").put("components", new JsonObject().put("checkout", "partial_outage")));
    assertThat(created.statusCode()).as(created.bodyAsString()).isEqualTo(201);
    String id = created.bodyAsJsonObject().getString("id");
    assertThat(status("checkout")).isEqualTo("partial_outage");
    assertThat(server.incidents().log().all()).extracting(Incident::id).containsExactly(id);
    assertThat(Files.exists(gh.dir().resolve("incidents.db"))).isTrue();

    HttpResponse<Buffer> m = send(HttpMethod.POST, "/api/v1/maintenances", TOKEN, new JsonObject()
        .put("name", "Index rebuild").put("body", "Search results may be stale.")
        .put("scheduledFor", "2026-11-27T12:10:00Z").put("scheduledUntil", "2026-11-27T13:00:00Z")
        .put("components", new JsonArray().add("search")));
    assertThat(m.statusCode()).as(m.bodyAsString()).isEqualTo(201);
    clock.add(Duration.ofMinutes(10));
    Await.until("search under maintenance", () -> {
      Await.result(server.componentStatus().evaluate());
      return status("search").equals("under_maintenance");
    }, Duration.ofSeconds(30));

    server = gh.restart(config(Map.of("check-every", "50ms")));

    assertThat(server.incidents().log().find(id)).isPresent();
    assertThat(server.incidents().log().find(id).get().updates()).hasSize(1);
    assertThat(status("checkout")).isEqualTo("partial_outage");
    assertThat(status("search")).isEqualTo("under_maintenance");
    HttpResponse<Buffer> resolved = send(HttpMethod.POST, "/api/v1/incidents/" + id + "/updates", TOKEN,
        new JsonObject().put("status", "resolved").put("body", "Fixed."));
    assertThat(resolved.statusCode()).as(resolved.bodyAsString()).isEqualTo(201);
    assertThat(status("checkout")).isNotEqualTo("partial_outage");
  }

  @Test
  void theAdminApiNeedsTheAdminScope() {
    HttpResponse<Buffer> r = send(HttpMethod.GET, "/api/v1/incidents", null, null);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(send(HttpMethod.POST, "/api/v1/maintenances", "nope", new JsonObject()).statusCode()).isEqualTo(401);
    assertThat(send(HttpMethod.GET, "/api/v1/incidents", TOKEN, null).statusCode()).isEqualTo(200);
  }

  @Test
  void aBadIncidentsKeyStopsStartUpNamingIt() throws Exception {
    gh.stop();
    assertThatThrownBy(() -> Await.result(Glasshouse.start(config(Map.of("auto-publish", "maybe")), false, clock)))
        .hasMessageContaining("incidents.auto-publish");
  }
}
