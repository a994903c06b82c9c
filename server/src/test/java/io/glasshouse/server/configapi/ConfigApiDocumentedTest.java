package io.glasshouse.server.configapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.glasshouse.rollup.access.AccessTokens;
import io.glasshouse.rollup.config.ConfigRegistry;
import io.glasshouse.rollup.store.sqlite.SqliteConfigStore;
import io.glasshouse.rollup.time.ManualClock;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** The config API's routes and the status-page module's openapi.yaml stay in step. */
class ConfigApiDocumentedTest {
  @TempDir
  Path dir;

  @Test
  @SuppressWarnings("unchecked")
  void everyConfigRouteIsDocumentedAndNothingElse() throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      Router router = Router.router(vertx);
      ConfigApi.mount(router, new ConfigRegistry(SqliteConfigStore.create(vertx, dir),
          new ManualClock(Instant.EPOCH)), AccessTokens.none(Set.of()));
      Set<String> mounted = new TreeSet<>();
      for (Route r : router.getRoutes()) {
        if (r.getPath() == null || r.methods() == null) {
          continue;
        }
        for (HttpMethod m : r.methods()) {
          mounted.add(m.name() + " " + r.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}"));
        }
      }
      Map<String, Object> doc;
      try (InputStream in = ConfigApi.class.getResourceAsStream("/openapi.yaml")) {
        doc = new Yaml().load(in);
      }
      Set<String> documented = new TreeSet<>();
      ((Map<String, Map<String, Object>>) doc.get("paths")).forEach((path, ops) -> {
        if (path.startsWith(ConfigApi.ROOT)) {
          ops.keySet().forEach(m -> documented.add(m.toUpperCase(Locale.ROOT) + " " + path));
        }
      });
      assertThat(mounted).isNotEmpty();
      assertThat(documented).isEqualTo(mounted);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get();
    }
  }
}
