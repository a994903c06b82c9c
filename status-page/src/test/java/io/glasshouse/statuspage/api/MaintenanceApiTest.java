package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.statuspage.incident.IncidentBook;
import io.glasshouse.statuspage.incident.IncidentsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Scheduled maintenance over real HTTP: it starts and completes by itself on the clock, and drives status. */
@ExtendWith(VertxExtension.class)
class MaintenanceApiTest {
  @TempDir
  Path dir;
  private IncidentFixture f;

  @BeforeEach
  void start(Vertx vertx) {
    f = new IncidentFixture(vertx, dir, new IncidentsConfig(Duration.ofMillis(20), false));
  }

  @AfterEach
  void stop() {
    f.stop();
  }

  static JsonObject window(String from, String until) {
    return new JsonObject().put("name", "Database upgrade").put("body", "Checkout may be slow.")
        .put("scheduledFor", from).put("scheduledUntil", until).put("components", new JsonArray().add("checkout"));
  }

  private String status(String id) {
    return f.get("/api/v1/maintenances/" + id).getString("status");
  }

  @Test
  void maintenanceStartsAndCompletesByItselfOnThePeriodicCheck() {
    JsonObject m = f.ok(HttpMethod.POST, "/api/v1/maintenances",
        window("2026-05-01T13:00:00Z", "2026-05-01T14:00:00Z"), 201);
    String id = m.getString("id");
    assertThat(m.getString("status")).isEqualTo("scheduled");
    assertThat(m.getString("impact")).isEqualTo("maintenance");
    assertThat(m.getString("kind")).isEqualTo("maintenance");
    f.automation.start();

    f.advance(Duration.ofMinutes(59));
    assertThat(status(id)).isEqualTo("scheduled");
    assertThat(f.componentStatus("checkout")).isEqualTo("operational");

    f.clock.add(Duration.ofMinutes(1));
    IncidentFixture.until("maintenance in progress", () -> status(id).equals("in_progress"));
    JsonObject checkout = f.get("/api/v1/components/checkout");
    assertThat(checkout.getString("status")).isEqualTo("under_maintenance");
    assertThat(checkout.getString("rule")).isEqualTo("maintenance");
    JsonObject started = f.get("/api/v1/maintenances/" + id).getJsonArray("updates").getJsonObject(0);
    assertThat(started.getString("status")).isEqualTo("in_progress");
    assertThat(started.getString("body")).isEqualTo(IncidentBook.STARTED);
    assertThat(started.getJsonArray("affected").getJsonObject(0).getString("newStatus"))
        .isEqualTo("under_maintenance");

    f.clock.add(Duration.ofHours(1));
    IncidentFixture.until("maintenance completed", () -> status(id).equals("completed"));
    JsonObject done = f.get("/api/v1/maintenances/" + id);
    assertThat(done.getString("resolvedAt")).isEqualTo("2026-05-01T14:00:00Z");
    assertThat(done.getJsonArray("updates").getJsonObject(0).getString("body")).isEqualTo(IncidentBook.COMPLETED);
    assertThat(done.getJsonArray("updates")).hasSize(3);
    assertThat(f.componentStatus("checkout")).isEqualTo("operational");
  }

  @Test
  void timeUnderMaintenanceIsLeftOutOfUptime() {
    // an hour under maintenance, then an hour of major outage, evaluated every 10 s
    String id = f.ok(HttpMethod.POST, "/api/v1/maintenances",
        window("2026-05-01T12:00:00Z", "2026-05-01T13:00:00Z"), 201).getString("id");
    assertThat(status(id)).isEqualTo("in_progress");
    for (int i = 0; i < 360; i++) {
      f.advance(Duration.ofSeconds(10));
    }
    IncidentFixture.await(f.automation.check());
    assertThat(status(id)).isEqualTo("completed");
    f.inputs.set(StatusFixture.live(0, 2, 1));
    for (int i = 0; i < 360; i++) {
      f.advance(Duration.ofSeconds(10));
    }
    JsonObject today = f.get("/api/v1/components/checkout/history?days=1").getJsonArray("days").getJsonObject(0);
    assertThat(today.getJsonObject("minutes").getLong("under_maintenance")).isEqualTo(60);
    assertThat(today.getJsonObject("minutes").getLong("major_outage")).isEqualTo(60);
    // 3590 s down of 3600 s observed outside maintenance (the first 10 s after completion were operational):
    // the maintenance hour counts neither up nor down (with it counted as up, uptime would be about 50 %)
    assertThat(today.getDouble("uptimePercent")).isCloseTo(100.0 * 10 / 3600, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void maintenanceRestartedMidwayIsStillInProgressAndCompletesLater() {
    String id = f.ok(HttpMethod.POST, "/api/v1/maintenances",
        window("2026-05-01T12:00:00Z", "2026-05-01T13:00:00Z"), 201).getString("id");
    f.restart();
    assertThat(f.componentStatus("checkout")).isEqualTo("under_maintenance");
    f.clock.add(Duration.ofHours(1));
    IncidentFixture.await(f.automation.check());
    assertThat(status(id)).isEqualTo("completed");
    assertThat(f.componentStatus("checkout")).isEqualTo("operational");
  }

  @Test
  void rescheduleAndCancel() {
    String id = f.ok(HttpMethod.POST, "/api/v1/maintenances",
        window("2026-05-01T13:00:00Z", "2026-05-01T14:00:00Z"), 201).getString("id");
    JsonObject moved = f.ok(HttpMethod.PATCH, "/api/v1/maintenances/" + id, new JsonObject()
        .put("scheduledFor", "2026-05-02T13:00:00Z").put("scheduledUntil", "2026-05-02T15:00:00Z")
        .put("components", new JsonArray().add("checkout").add("search")).put("body", "Moved to tomorrow."), 200);
    assertThat(moved.getString("scheduledFor")).isEqualTo("2026-05-02T13:00:00Z");
    assertThat(moved.getJsonObject("components").fieldNames()).containsExactlyInAnyOrder("checkout", "search");
    assertThat(moved.getJsonArray("updates").getJsonObject(0).getString("body")).isEqualTo("Moved to tomorrow.");
    assertThat(moved.getString("status")).isEqualTo("scheduled");

    JsonObject cancelled = f.ok(HttpMethod.POST, "/api/v1/maintenances/" + id + "/cancel", null, 200);
    assertThat(cancelled.getString("status")).isEqualTo("completed");
    assertThat(cancelled.getJsonArray("updates").getJsonObject(0).getString("body"))
        .isEqualTo(IncidentBook.CANCELLED);
    f.clock.add(Duration.ofDays(1));
    IncidentFixture.await(f.automation.check());
    assertThat(f.componentStatus("checkout")).isEqualTo("operational");
    var again = f.send(HttpMethod.PATCH, "/api/v1/maintenances/" + id, IncidentFixture.ADMIN,
        new JsonObject().put("name", "x"));
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(f.get("/api/v1/maintenances").getJsonArray("maintenances")).hasSize(1);
    assertThat(f.get("/api/v1/incidents").getJsonArray("incidents")).isEmpty();
  }

  @Test
  void staffMoveAMaintenanceThroughVerifyingByHand() {
    String id = f.ok(HttpMethod.POST, "/api/v1/maintenances",
        window("2026-05-01T12:00:00Z", "2026-05-01T13:00:00Z"), 201).getString("id");
    f.ok(HttpMethod.POST, "/api/v1/incidents/" + id + "/updates",
        new JsonObject().put("status", "verifying").put("body", "Checking the upgrade."), 201);
    assertThat(f.componentStatus("checkout")).isEqualTo("under_maintenance");
    f.ok(HttpMethod.POST, "/api/v1/incidents/" + id + "/updates",
        new JsonObject().put("status", "completed").put("body", "Done early."), 201);
    assertThat(f.componentStatus("checkout")).isEqualTo("operational");
  }
}
