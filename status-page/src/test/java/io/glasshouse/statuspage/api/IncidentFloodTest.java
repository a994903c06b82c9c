package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.statuspage.incident.IncidentLimits;
import io.glasshouse.statuspage.incident.IncidentsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through the admin API: a flood of updates and of incidents runs into the 500 limits
 * ({@link IncidentLimits#MAX_UPDATES}, {@link IncidentLimits#MAX_OPEN}); the one past the limit is a 409
 * problem+json saying what to do, and nothing changes.
 */
@ExtendWith(VertxExtension.class)
class IncidentFloodTest {
  @TempDir
  Path dir;
  private IncidentFixture f;

  @BeforeEach
  void start(Vertx vertx) {
    f = new IncidentFixture(vertx, dir, IncidentsConfig.defaults());
  }

  @AfterEach
  void stop() {
    f.stop();
  }

  @Test
  void theUpdatePastFiveHundredIsA409AndChangesNothing() {
    String id = f.ok(HttpMethod.POST, "/api/v1/incidents", IncidentsApiTest.outage(), 201).getString("id");
    for (int n = 2; n <= IncidentLimits.MAX_UPDATES; n++) {
      f.ok(HttpMethod.POST, "/api/v1/incidents/" + id + "/updates",
          new JsonObject().put("status", "identified").put("body", "Update " + n), 201);
    }
    JsonObject before = f.get("/api/v1/incidents/" + id);
    assertThat(before.getJsonArray("updates")).hasSize(IncidentLimits.MAX_UPDATES);

    HttpResponse<Buffer> refused = f.send(HttpMethod.POST, "/api/v1/incidents/" + id + "/updates",
        IncidentFixture.ADMIN, new JsonObject().put("status", "resolved").put("body", "Update 501")
            .put("components", new JsonObject().put("checkout", "operational")));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("detail"))
        .contains("500 updates").contains("open a new incident");
    assertThat(f.get("/api/v1/incidents/" + id)).isEqualTo(before);
    assertThat(f.componentStatus("checkout")).isEqualTo("partial_outage");
  }

  @Test
  void theIncidentPastFiveHundredOpenOnesIsA409AndCreatesNothing() {
    for (int n = 1; n <= IncidentLimits.MAX_OPEN; n++) {
      f.ok(HttpMethod.POST, "/api/v1/incidents", IncidentsApiTest.outage().put("name", "Flood " + n), 201);
    }
    HttpResponse<Buffer> refused = f.send(HttpMethod.POST, "/api/v1/incidents", IncidentFixture.ADMIN,
        IncidentsApiTest.outage().put("name", "Flood 501"));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(refused.bodyAsJsonObject().getString("detail")).contains("500").contains("resolve, complete or discard");
    assertThat(f.book.all()).hasSize(IncidentLimits.MAX_OPEN)
        .noneMatch(i -> i.name().equals("Flood 501"));
  }
}
