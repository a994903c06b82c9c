package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.statuspage.incident.IncidentsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #10: an incident's declared component status is an input of the status evaluator, not a staff override, so
 * the status shown is the worse of derived and declared, and resolving the incident returns to the derived one.
 */
@ExtendWith(VertxExtension.class)
class IncidentDeclaredStatusTest {
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

  private String openDegradedIncident() {
    return f.ok(HttpMethod.POST, "/api/v1/incidents", new JsonObject().put("name", "Slow checkout")
        .put("impact", "minor").put("status", "investigating").put("body", "Looking into it.")
        .put("components", new JsonObject().put("checkout", "degraded_performance")), 201).getString("id");
  }

  private void resolve(String id) {
    f.ok(HttpMethod.POST, "/api/v1/incidents/" + id + "/updates",
        new JsonObject().put("status", "resolved").put("body", "Fixed."), 201);
  }

  @Test
  void aDerivedMajorOutageShowsThroughAnIncidentDeclaringDegraded() {
    f.inputs.set(StatusFixture.live(0, 2, 1));
    f.advance(Duration.ofSeconds(10));
    String id = openDegradedIncident();
    JsonObject checkout = f.get("/api/v1/components/checkout");
    assertThat(checkout.getString("status")).isEqualTo("major_outage");
    assertThat(checkout.getString("rule")).isEqualTo("no_live_instance");
    assertThat(checkout.getValue("override")).isNull();
    resolve(id);
    assertThat(f.componentStatus("checkout")).isEqualTo("major_outage");
  }

  @Test
  void anOperationalComponentShowsTheIncidentsDegradedUntilItResolves() {
    String id = openDegradedIncident();
    JsonObject checkout = f.get("/api/v1/components/checkout");
    assertThat(checkout.getString("status")).isEqualTo("degraded_performance");
    assertThat(checkout.getString("derived")).isEqualTo("operational");
    assertThat(checkout.getJsonObject("reason").getString("incident")).isEqualTo(id);
    assertThat(checkout.getValue("override")).isNull();
    resolve(id);
    JsonObject after = f.get("/api/v1/components/checkout");
    assertThat(after.getString("status")).isEqualTo("operational");
    assertThat(after.getString("rule")).isEqualTo("all_clear");
  }
}
