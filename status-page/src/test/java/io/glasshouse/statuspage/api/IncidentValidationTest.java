package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.statuspage.incident.IncidentLimits;
import io.glasshouse.statuspage.incident.IncidentsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every refused change answers 400 problem+json naming the field, and changes nothing. */
@ExtendWith(VertxExtension.class)
class IncidentValidationTest {
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

  private void refused(HttpMethod method, String path, JsonObject body, String field, String detailMentions) {
    int before = f.book.all().size() + f.book.drafts().size();
    String snapshot = f.book.all().toString();
    HttpResponse<Buffer> r = f.send(method, path, IncidentFixture.ADMIN, body);
    assertThat(r.statusCode()).as(r.bodyAsString()).isEqualTo(400);
    assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
    JsonObject p = r.bodyAsJsonObject();
    assertThat(p.getString("parameter")).as(r.bodyAsString()).isEqualTo(field);
    assertThat(p.getString("detail")).contains(detailMentions);
    assertThat(f.book.all().size() + f.book.drafts().size()).isEqualTo(before);
    assertThat(f.book.all().toString()).isEqualTo(snapshot);
    assertThat(f.componentStatus("checkout")).isEqualTo("operational");
  }

  private void refusedIncident(JsonObject body, String field, String mentions) {
    refused(HttpMethod.POST, "/api/v1/incidents", body, field, mentions);
  }

  @Test
  void unknownComponentIds() {
    refusedIncident(IncidentsApiTest.outage().put("components", new JsonObject().put("checkout", "major_outage")
        .put("payments", "major_outage")), "components", "payments");
    refused(HttpMethod.POST, "/api/v1/maintenances", MaintenanceApiTest.window("2026-05-01T13:00:00Z",
        "2026-05-01T14:00:00Z").put("components", new JsonArray().add("payments")), "components", "payments");
  }

  @Test
  void statusesOfTheOtherKind() {
    refusedIncident(IncidentsApiTest.outage().put("status", "in_progress"), "status", "maintenance status");
    refusedIncident(IncidentsApiTest.outage().put("status", "sleeping"), "status", "sleeping");
    refusedIncident(IncidentsApiTest.outage().put("components", new JsonObject().put("checkout", "under_maintenance")),
        "components", "under_maintenance");
    refusedIncident(IncidentsApiTest.outage().put("components", new JsonObject().put("checkout", "broken")),
        "components", "broken");
    refusedIncident(IncidentsApiTest.outage().put("impact", "maintenance"), "impact", "maintenance");
    refusedIncident(IncidentsApiTest.outage().put("impact", "huge"), "impact", "huge");

    String incident = f.ok(HttpMethod.POST, "/api/v1/incidents", IncidentsApiTest.outage(), 201).getString("id");
    String m = f.ok(HttpMethod.POST, "/api/v1/maintenances", MaintenanceApiTest.window("2026-05-01T13:00:00Z",
        "2026-05-01T14:00:00Z"), 201).getString("id");
    HttpResponse<Buffer> r = f.send(HttpMethod.POST, "/api/v1/incidents/" + incident + "/updates",
        IncidentFixture.ADMIN, new JsonObject().put("status", "completed").put("body", "Done."));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("status");
    r = f.send(HttpMethod.POST, "/api/v1/incidents/" + m + "/updates", IncidentFixture.ADMIN,
        new JsonObject().put("status", "resolved").put("body", "Done."));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("status");
    r = f.send(HttpMethod.POST, "/api/v1/incidents/" + m + "/updates", IncidentFixture.ADMIN,
        new JsonObject().put("status", "in_progress").put("body", "Started early.")
            .put("components", new JsonObject().put("checkout", "major_outage")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("components");
    assertThat(f.get("/api/v1/incidents/" + incident).getJsonArray("updates")).hasSize(1);
    assertThat(f.get("/api/v1/maintenances/" + m).getJsonArray("updates")).hasSize(1);
  }

  @Test
  void scheduledUntilBeforeScheduledForOrInThePast() {
    refused(HttpMethod.POST, "/api/v1/maintenances", MaintenanceApiTest.window("2026-05-01T14:00:00Z",
        "2026-05-01T13:00:00Z"), "scheduledUntil", "must be after");
    refused(HttpMethod.POST, "/api/v1/maintenances", MaintenanceApiTest.window("2026-05-01T10:00:00Z",
        "2026-05-01T11:00:00Z"), "scheduledUntil", "not in the future");
    refused(HttpMethod.POST, "/api/v1/maintenances", MaintenanceApiTest.window("soon", "2026-05-01T11:00:00Z"),
        "scheduledFor", "soon");
    String m = f.ok(HttpMethod.POST, "/api/v1/maintenances", MaintenanceApiTest.window("2026-05-01T13:00:00Z",
        "2026-05-01T14:00:00Z"), 201).getString("id");
    refused(HttpMethod.PATCH, "/api/v1/maintenances/" + m, new JsonObject().put("scheduledUntil",
        "2026-05-01T12:30:00Z"), "scheduledUntil", "must be after");
    assertThat(f.get("/api/v1/maintenances/" + m).getString("scheduledUntil")).isEqualTo("2026-05-01T14:00:00Z");
  }

  @Test
  void nameAndBodyLengthLimits() {
    refusedIncident(IncidentsApiTest.outage().put("name", "x".repeat(IncidentLimits.MAX_NAME + 1)), "name",
        "at most " + IncidentLimits.MAX_NAME);
    refusedIncident(IncidentsApiTest.outage().put("name", " "), "name", "required");
    refusedIncident(IncidentsApiTest.outage().put("body", "x".repeat(IncidentLimits.MAX_BODY + 1)), "body",
        "at most " + IncidentLimits.MAX_BODY);
    refusedIncident(IncidentsApiTest.outage().putNull("body"), "body", "required");
    refused(HttpMethod.POST, "/api/v1/maintenances", MaintenanceApiTest.window("2026-05-01T13:00:00Z",
        "2026-05-01T14:00:00Z").put("name", "x".repeat(IncidentLimits.MAX_NAME + 1)), "name", "at most");
  }

  @Test
  void countLimits() {
    JsonObject many = new JsonObject();
    for (int i = 0; i <= IncidentLimits.MAX_COMPONENTS; i++) {
      many.put("c" + i, "major_outage");
    }
    refusedIncident(IncidentsApiTest.outage().put("components", many), "components",
        "at most " + IncidentLimits.MAX_COMPONENTS);
    JsonArray ids = new JsonArray();
    many.fieldNames().forEach(ids::add);
    refused(HttpMethod.POST, "/api/v1/maintenances", MaintenanceApiTest.window("2026-05-01T13:00:00Z",
        "2026-05-01T14:00:00Z").put("components", ids), "components", "at most " + IncidentLimits.MAX_COMPONENTS);
    refused(HttpMethod.POST, "/api/v1/maintenances", MaintenanceApiTest.window("2026-05-01T13:00:00Z",
        "2026-05-01T14:00:00Z").put("components", new JsonArray()), "components", "required");
  }

  @Test
  void malformedBodiesAndUnknownFields() {
    refusedIncident(IncidentsApiTest.outage().put("severity", "high"), "severity", "not known");
    refusedIncident(IncidentsApiTest.outage().put("name", 42), "name", "string");
    refusedIncident(IncidentsApiTest.outage().put("components", new JsonArray().add("checkout")), "components",
        "object");
    refusedIncident(IncidentsApiTest.outage().put("startedAt", "2026-05-01T13:00:00Z"), "startedAt", "future");
    refusedIncident(IncidentsApiTest.outage().put("startedAt", "yesterday"), "startedAt", "yesterday");
    HttpResponse<Buffer> r = IncidentFixture.await(f.client.post(f.port, "localhost", "/api/v1/incidents")
        .bearerTokenAuthentication(IncidentFixture.ADMIN).putHeader("content-type", "application/json")
        .sendBuffer(Buffer.buffer("{not json")));
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.bodyAsJsonObject().getString("parameter")).isEqualTo("body");
    assertThat(f.book.all()).isEmpty();
  }
}
