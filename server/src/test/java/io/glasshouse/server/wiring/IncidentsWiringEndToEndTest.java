package io.glasshouse.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.server.Glasshouse;
import io.glasshouse.server.config.GlasshouseConfig;
import io.glasshouse.server.e2e.Await;
import io.glasshouse.statuspage.incident.Incident;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import java.net.ServerSocket;
import java.nio.file.Files;
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
 * The whole server with incidents wired in: the admin API, incidents driving component status, maintenance that
 * starts by itself on the server's clock, {@code <data>/incidents.db} surviving a restart, and the IncidentLog the
 * page and feeds read.
 */
class IncidentsWiringEndToEndTest {
  private static final String TOKEN = "e2e-staff-token-incidents";
  @TempDir
  Path dir;
  private final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T12:00:00Z"));
  private final Vertx clientVertx = Vertx.vertx();
  private final WebClient client = WebClient.create(clientVertx);
  private int port;
  private Glasshouse server;

  @BeforeEach
  void start() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    server = Await.result(Glasshouse.start(config(Map.of("check-every", "50ms")), false, clock));
  }

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.stop(Duration.ofSeconds(30));
    }
    Await.result(clientVertx.close());
  }

  private GlasshouseConfig config(Map<String, Object> incidents) {
    GlasshouseConfig c = GlasshouseConfig.load(null, Map.of());
    c.override("server", "port", port);
    c.override("server", "host", "127.0.0.1");
    c.override("server", "data", dir.toString());
    c.override("server", "event-loops", 1);
    c.override("server", "staff-tokens", new JsonArray().add(TOKEN));
    c.override("server", "open-read", true);
    c.override("server", "drain-delay", "0s");
    c.override("components", "items", new JsonArray(List.of(
        new JsonObject().put("id", "checkout").put("name", "Checkout").put("services", new JsonArray().add("checkout")),
        new JsonObject().put("id", "search").put("name", "Search").put("services", new JsonArray().add("search")))));
    incidents.forEach((k, v) -> c.override("incidents", k, v));
    return c;
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, JsonObject body) {
    HttpRequest<Buffer> r = client.request(method, port, "127.0.0.1", path);
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
    assertThat(Files.exists(dir.resolve("incidents.db"))).isTrue();

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

    server.stop(Duration.ofSeconds(30));
    server = null;
    server = Await.result(Glasshouse.start(config(Map.of("check-every", "50ms")), false, clock));

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
    server.stop(Duration.ofSeconds(30));
    server = null;
    assertThatThrownBy(() -> Await.result(Glasshouse.start(config(Map.of("auto-publish", "maybe")), false, clock)))
        .hasMessageContaining("incidents.auto-publish");
  }
}
