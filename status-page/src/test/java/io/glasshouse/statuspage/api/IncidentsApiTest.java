package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

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

/** The incidents admin API over real HTTP, on a real status evaluator and real SQLite files. */
@ExtendWith(VertxExtension.class)
class IncidentsApiTest {
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

  static JsonObject outage() {
    return new JsonObject().put("name", "Checkout errors").put("impact", "major").put("status", "investigating")
        .put("body", "We see **errors** placing orders.").put("components",
            new JsonObject().put("checkout", "partial_outage"));
  }

  @Test
  void anIncidentsComponentStatusShowsInTheComponentsApiAndClearsOnResolve() {
    JsonObject created = f.ok(HttpMethod.POST, "/api/v1/incidents", outage(), 201);
    String id = created.getString("id");
    assertThat(id).matches("[0-9a-z]{12}");
    assertThat(created.getString("kind")).isEqualTo("incident");
    assertThat(created.getJsonObject("components").getString("checkout")).isEqualTo("partial_outage");
    JsonObject first = created.getJsonArray("updates").getJsonObject(0);
    assertThat(first.getString("body")).isEqualTo("We see **errors** placing orders.");
    assertThat(first.getJsonArray("affected").getJsonObject(0)).isEqualTo(new JsonObject()
        .put("component", "checkout").put("oldStatus", "operational").put("newStatus", "partial_outage"));

    JsonObject checkout = f.get("/api/v1/components/checkout");
    assertThat(checkout.getString("status")).isEqualTo("partial_outage");
    assertThat(checkout.getString("rule")).isEqualTo("incident");
    assertThat(checkout.getJsonObject("reason").getString("incident")).isEqualTo(id);
    assertThat(checkout.getValue("override")).as("incidents are an evaluator input, not a staff override").isNull();
    assertThat(f.componentStatus("search")).isEqualTo("operational");

    f.ok(HttpMethod.POST, "/api/v1/incidents/" + id + "/updates", new JsonObject().put("status", "identified")
        .put("body", "A bad deploy; rolling back.").put("components", new JsonObject().put("checkout", "major_outage")),
        201);
    assertThat(f.componentStatus("checkout")).isEqualTo("major_outage");

    JsonObject resolved = f.ok(HttpMethod.POST, "/api/v1/incidents/" + id + "/updates",
        new JsonObject().put("status", "resolved").put("body", "Rolled back; orders go through."), 201);
    assertThat(resolved.getString("status")).isEqualTo("resolved");
    assertThat(resolved.getString("resolvedAt")).isNotNull();
    assertThat(resolved.getJsonArray("updates").getJsonObject(0).getJsonArray("affected").getJsonObject(0))
        .isEqualTo(new JsonObject().put("component", "checkout").put("oldStatus", "major_outage")
            .put("newStatus", "operational"));
    JsonObject after = f.get("/api/v1/components/checkout");
    assertThat(after.getString("status")).isEqualTo("operational");
    assertThat(after.getValue("override")).isNull();
  }

  @Test
  void aStaffOverrideIsNeitherReplacedNorClearedByAnIncident() {
    f.ok(HttpMethod.POST, "/api/v1/components/checkout/override", new JsonObject().put("status", "degraded_performance")
        .put("reason", "EU only").put("expiresIn", "2h"), 200);
    String id = f.ok(HttpMethod.POST, "/api/v1/incidents", outage(), 201).getString("id");
    assertThat(f.get("/api/v1/components/checkout").getJsonObject("override").getString("reason"))
        .isEqualTo("EU only");
    f.ok(HttpMethod.POST, "/api/v1/incidents/" + id + "/updates",
        new JsonObject().put("status", "resolved").put("body", "Fixed."), 201);
    assertThat(f.componentStatus("checkout")).isEqualTo("degraded_performance");
  }

  @Test
  void restartKeepsIncidentsTheirUpdatesAndIds() {
    String id = f.ok(HttpMethod.POST, "/api/v1/incidents", outage().put("startedAt", "2026-05-01T11:40:00Z"), 201)
        .getString("id");
    f.advance(Duration.ofMinutes(5));
    f.ok(HttpMethod.POST, "/api/v1/incidents/" + id + "/updates",
        new JsonObject().put("status", "monitoring").put("body", "A fix is out."), 201);
    JsonObject before = f.get("/api/v1/incidents/" + id);

    f.restart();

    JsonObject after = f.get("/api/v1/incidents/" + id);
    assertThat(after).isEqualTo(before);
    assertThat(after.getJsonArray("updates")).hasSize(2);
    assertThat(after.getString("startedAt")).isEqualTo("2026-05-01T11:40:00Z");
    assertThat(after.getString("monitoringAt")).isEqualTo("2026-05-01T12:05:00Z");
    assertThat(f.book.find(id)).isPresent();
    assertThat(f.componentStatus("checkout")).isEqualTo("partial_outage");
  }

  @Test
  void listingShowsIncidentsNewestFirstAndDraftsToAdmins() {
    String a = f.ok(HttpMethod.POST, "/api/v1/incidents", outage(), 201).getString("id");
    f.clock.add(Duration.ofMinutes(1));
    String b = f.ok(HttpMethod.POST, "/api/v1/incidents", outage().put("name", "Search slow")
        .put("components", new JsonObject().put("search", "degraded_performance")), 201).getString("id");
    f.inputs.set(StatusFixture.live(3, 2, 0));
    f.advance(Duration.ofSeconds(10));
    IncidentFixture.await(f.automation.check());

    JsonObject list = f.get("/api/v1/incidents");
    assertThat(list.getJsonArray("incidents").stream().map(o -> ((JsonObject) o).getString("id")))
        .containsExactly(b, a);
    assertThat(list.getJsonArray("drafts")).hasSize(1);
    assertThat(list.getJsonArray("drafts").getJsonObject(0).getBoolean("draft")).isTrue();
    assertThat(f.book.all()).extracting(i -> i.id()).containsExactly(b, a);
  }

  @Test
  void withoutTheAdminScopeNothingIsReadOrChangedAndNothingLeaks() {
    for (String token : new String[] {null, "wrong-token", IncidentFixture.READER}) {
      var r = f.send(HttpMethod.POST, "/api/v1/incidents", token, outage());
      assertThat(r.statusCode()).isEqualTo(401);
      assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
      assertThat(r.bodyAsString()).doesNotContain(IncidentFixture.ADMIN).doesNotContain(IncidentFixture.READER)
          .doesNotContain("staff");
      assertThat(f.send(HttpMethod.GET, "/api/v1/incidents", token, null).statusCode()).isEqualTo(401);
      assertThat(f.send(HttpMethod.GET, "/api/v1/incidents/drafts", token, null).statusCode()).isEqualTo(401);
      assertThat(f.send(HttpMethod.POST, "/api/v1/maintenances", token, new JsonObject()).statusCode())
          .isEqualTo(401);
    }
    assertThat(f.book.all()).isEmpty();
  }

  @Test
  void withNoAdminTokenConfiguredChangesAre403(Vertx vertx, @TempDir Path other) {
    IncidentFixture g = new IncidentFixture(vertx, other, IncidentsConfig.defaults(),
        io.glasshouse.rollup.access.AccessTokens.of(io.glasshouse.rollup.access.AccessTokens.named("reader",
            java.util.Set.of(IncidentFixture.READER), java.util.Set.of(io.glasshouse.rollup.access.Scope.READ)),
            java.util.Set.of()));
    try {
      var r = g.send(HttpMethod.POST, "/api/v1/incidents", IncidentFixture.READER, outage());
      assertThat(r.statusCode()).isEqualTo(403);
      assertThat(r.bodyAsString()).doesNotContain(IncidentFixture.READER);
      assertThat(g.book.all()).isEmpty();
    } finally {
      g.stop();
    }
  }

  @Test
  void unknownIdsAre404AndDraftsCannotTakeUpdates() {
    var r = f.send(HttpMethod.GET, "/api/v1/incidents/nosuchid0000", IncidentFixture.ADMIN, null);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.getHeader("content-type")).isEqualTo("application/problem+json");
    assertThat(f.send(HttpMethod.POST, "/api/v1/incidents/nosuchid0000/updates", IncidentFixture.ADMIN,
        new JsonObject().put("status", "resolved").put("body", "x")).statusCode()).isEqualTo(404);
    assertThat(f.send(HttpMethod.DELETE, "/api/v1/incidents/drafts/nosuchid0000", IncidentFixture.ADMIN, null)
        .statusCode()).isEqualTo(404);
    assertThat(f.send(HttpMethod.GET, "/api/v1/maintenances/nosuchid0000", IncidentFixture.ADMIN, null)
        .statusCode()).isEqualTo(404);
  }

  @Test
  void anIncidentBackfilledAsResolvedHoldsNothing() {
    JsonObject created = f.ok(HttpMethod.POST, "/api/v1/incidents", outage().put("status", "resolved")
        .put("startedAt", "2026-05-01T10:00:00Z"), 201);
    assertThat(created.getString("resolvedAt")).isEqualTo("2026-05-01T12:00:00Z");
    assertThat(f.componentStatus("checkout")).isEqualTo("operational");
    assertThat(new JsonArray().size()).isZero();
  }
}
