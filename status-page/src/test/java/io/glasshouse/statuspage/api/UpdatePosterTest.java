package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.access.Scope;
import io.glasshouse.statuspage.incident.IncidentsConfig;
import io.glasshouse.statuspage.page.LiveUpdates;
import io.glasshouse.statuspage.page.PublicPage;
import io.glasshouse.statuspage.web.Branding;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Who posted an incident update (the admin token's name) is stored and shown to staff, never on the public page. */
@ExtendWith(VertxExtension.class)
class UpdatePosterTest {
  @TempDir
  Path dir;

  @Test
  void theTokensNameIsStoredWithTheUpdateAndStaysOffThePublicPage(Vertx vertx) {
    IncidentFixture f = new IncidentFixture(vertx, dir, IncidentsConfig.defaults(), AccessTokens.of(List.of(
        AccessTokens.named("alice-oncall", Set.of(IncidentFixture.ADMIN), Set.of(Scope.READ, Scope.ADMIN)).get(0)),
        Set.of()));
    LiveUpdates live = null;
    try {
      String id = f.ok(HttpMethod.POST, "/api/v1/incidents", IncidentsApiTest.outage(), 201).getString("id");
      JsonObject after = f.ok(HttpMethod.POST, "/api/v1/incidents/" + id + "/updates",
          new JsonObject().put("status", "identified").put("body", "Found it."), 201);
      assertThat(after.getJsonArray("updates").getJsonObject(0).getString("postedBy")).isEqualTo("alice-oncall-1");
      assertThat(after.getJsonArray("updates").getJsonObject(1).getString("postedBy")).isEqualTo("staff");

      f.restart();
      assertThat(f.get("/api/v1/incidents/" + id).getJsonArray("updates").getJsonObject(0).getString("postedBy"))
          .isEqualTo("alice-oncall-1");

      live = LiveUpdates.start(vertx, f.evaluator::latest, f.book, Duration.ofHours(1));
      Router router = Router.router(vertx);
      PublicPage.mount(router, f.evaluator::latest, f.book, Branding.defaults(), f.clock, live);
      int port = IncidentFixture.await(vertx.createHttpServer().requestHandler(router).listen(0)).actualPort();
      String page = IncidentFixture.await(f.client.get(port, "localhost", "/status/incidents/" + id).send())
          .bodyAsString();
      assertThat(page).contains("Found it.").doesNotContain("alice-oncall");
    } finally {
      if (live != null) {
        live.close();
      }
      f.stop();
    }
  }
}
