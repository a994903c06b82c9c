package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.DeclaredStatus;
import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentsConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Draft incidents prepared from derived status: nothing published without a person unless configured. */
@ExtendWith(VertxExtension.class)
class DraftIncidentsTest {
  @TempDir
  Path dir;

  @Test
  void aDerivedDegradationPreparesADraftWithItsFiguresThatPublishesWithOneCall(Vertx vertx) {
    IncidentFixture f = new IncidentFixture(vertx, dir, IncidentsConfig.defaults());
    try {
      f.inputs.set(StatusFixture.live(0, 2, 1));
      f.advance(Duration.ofSeconds(10));
      IncidentFixture.await(f.automation.check());

      var drafts = f.get("/api/v1/incidents/drafts").getJsonArray("drafts");
      assertThat(drafts).hasSize(1);
      JsonObject d = drafts.getJsonObject(0);
      assertThat(d.getBoolean("draft")).isTrue();
      assertThat(d.getString("name")).isEqualTo("Checkout: major outage");
      assertThat(d.getString("impact")).isEqualTo("critical");
      assertThat(d.getString("status")).isEqualTo("investigating");
      assertThat(d.getJsonObject("components").getString("checkout")).isEqualTo("major_outage");
      assertThat(d.getString("startedAt")).isEqualTo("2026-05-01T12:00:10Z");
      assertThat(d.getJsonArray("updates").getJsonObject(0).getString("body"))
          .contains("service checkout has no live instance").contains("since 2026-05-01T12:00:10Z");
      // nothing public yet, and the draft holds no status
      assertThat(f.book.all()).isEmpty();
      assertThat(f.get("/api/v1/components/checkout").getValue("override")).isNull();
      // one draft per departure
      f.advance(Duration.ofSeconds(10));
      IncidentFixture.await(f.automation.check());
      assertThat(f.get("/api/v1/incidents/drafts").getJsonArray("drafts")).hasSize(1);

      List<Incident> seen = new ArrayList<>();
      f.book.onChange(seen::add);
      f.clock.add(Duration.ofMinutes(2));
      JsonObject published = f.ok(HttpMethod.POST, "/api/v1/incidents/drafts/" + d.getString("id") + "/publish",
          new JsonObject().put("name", "Checkout is down"), 201);
      assertThat(published.getString("id")).isEqualTo(d.getString("id"));
      assertThat(published.getBoolean("draft")).isFalse();
      assertThat(published.getString("name")).isEqualTo("Checkout is down");
      assertThat(published.getString("createdAt")).isEqualTo("2026-05-01T12:02:20Z");
      assertThat(f.book.all()).extracting(Incident::id).containsExactly(d.getString("id"));
      assertThat(seen).extracting(Incident::name).containsExactly("Checkout is down");
      assertThat(f.get("/api/v1/incidents/drafts").getJsonArray("drafts")).isEmpty();
      // the published incident declares checkout's status as an evaluator input (it equals the derived one here,
      // so the derived reason shows)
      assertThat(f.book.holds()).containsEntry("checkout",
          new DeclaredStatus(ComponentStatus.MAJOR_OUTAGE, d.getString("id")));
      assertThat(f.componentStatus("checkout")).isEqualTo("major_outage");
    } finally {
      f.stop();
    }
  }

  @Test
  void aDiscardedDraftIsGoneAndNothingIsPublished(Vertx vertx) {
    IncidentFixture f = new IncidentFixture(vertx, dir, IncidentsConfig.defaults());
    try {
      f.inputs.set(StatusFixture.live(3, 0, 1));
      f.advance(Duration.ofSeconds(10));
      IncidentFixture.await(f.automation.check());
      String id = f.get("/api/v1/incidents/drafts").getJsonArray("drafts").getJsonObject(0).getString("id");
      f.ok(HttpMethod.DELETE, "/api/v1/incidents/drafts/" + id, null, 204);
      assertThat(f.get("/api/v1/incidents/drafts").getJsonArray("drafts")).isEmpty();
      assertThat(f.book.all()).isEmpty();
      f.restart();
      assertThat(f.get("/api/v1/incidents/drafts").getJsonArray("drafts")).isEmpty();
    } finally {
      f.stop();
    }
  }

  @Test
  void aRestartDoesNotDraftAgainForADepartureAlreadyDrafted(Vertx vertx) {
    IncidentFixture f = new IncidentFixture(vertx, dir, IncidentsConfig.defaults());
    try {
      f.inputs.set(StatusFixture.live(3, 0, 1));
      f.advance(Duration.ofSeconds(10));
      IncidentFixture.await(f.automation.check());
      String id = f.get("/api/v1/incidents/drafts").getJsonArray("drafts").getJsonObject(0).getString("id");
      f.ok(HttpMethod.DELETE, "/api/v1/incidents/drafts/" + id, null, 204);

      f.restart();
      f.advance(Duration.ofSeconds(10));
      IncidentFixture.await(f.automation.check());
      assertThat(f.get("/api/v1/incidents/drafts").getJsonArray("drafts")).as("same departure, remembered").isEmpty();

      // back to operational and out again: a new departure gets its draft
      f.inputs.set(StatusFixture.live(3, 2, 1));
      f.advance(Duration.ofMinutes(15));
      IncidentFixture.await(f.automation.check());
      f.inputs.set(StatusFixture.live(3, 0, 1));
      f.advance(Duration.ofSeconds(10));
      IncidentFixture.await(f.automation.check());
      assertThat(f.get("/api/v1/incidents/drafts").getJsonArray("drafts")).hasSize(1);
    } finally {
      f.stop();
    }
  }

  @Test
  void autoPublishPublishesWithoutAPerson(Vertx vertx) {
    IncidentFixture f = new IncidentFixture(vertx, dir, new IncidentsConfig(Duration.ofSeconds(10), true));
    try {
      f.inputs.set(StatusFixture.live(0, 2, 1));
      f.advance(Duration.ofSeconds(10));
      IncidentFixture.await(f.automation.check());
      assertThat(f.get("/api/v1/incidents/drafts").getJsonArray("drafts")).isEmpty();
      assertThat(f.book.all()).hasSize(1);
      assertThat(f.book.all().get(0).name()).isEqualTo("Checkout: major outage");
    } finally {
      f.stop();
    }
  }
}
