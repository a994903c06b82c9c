package io.glasshouse.statuspage.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.rollup.capacity.CapacityConfig;
import io.glasshouse.rollup.capacity.CapacityPlanner;
import io.glasshouse.statuspage.StatusPageRoutes;
import io.glasshouse.statuspage.capacity.CapacityRoutes;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keeps openapi.yaml and the mounted routes in step, so the document cannot silently drift. The routes are those of
 * {@link StatusPageRoutes}, {@link CapacityRoutes} and {@link ComponentsApi}, the entry points the server mounts.
 */
@ExtendWith(VertxExtension.class)
class OpenApiDocumentTest {
  private static JsonNode doc;
  /** The config API's paths, documented here and mounted by the server (its ConfigApiDocumentedTest). */
  static final String CONFIG_API = "/api/v1/config";

  @BeforeAll
  static void load() throws Exception {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  /** "METHOD /path/{param}" for every route the module mounts. */
  private static Set<String> mountedOperations(Vertx vertx, Path dir) {
    Router router = Router.router(vertx);
    ManualClock clock = new ManualClock(ReadApiFixture.NOW);
    StatusPageRoutes.mount(router, ReadApiFixture.reader(), clock);
    CapacityRoutes.mount(router, new CapacityPlanner(ReadApiFixture.reader(), CapacityConfig.empty(), clock),
        Set.of(), clock);
    ComponentsApi.mount(router, new StatusFixture(vertx, dir).evaluator, ScopeCheck.admin(io.glasshouse.rollup.access.AccessTokens.none(Set.of())), clock);
    SloApi.mount(router, new io.glasshouse.rollup.slo.SloReports(null, clock));
    IncidentsApi.mount(router, IncidentFixture.await(io.glasshouse.statuspage.incident.IncidentBook.open(vertx,
        io.glasshouse.statuspage.incident.SqliteIncidentStore.open(dir), clock)), ctx -> java.util.Optional.empty());
    new io.glasshouse.statuspage.staff.StaffRoutes(new io.glasshouse.statuspage.staff.StaffSources(
        ReadApiFixture.reader(), null, null, null, null, clock), io.glasshouse.rollup.access.AccessTokens.none(Set.of()),
        io.glasshouse.statuspage.staff.StaffOptions.defaults()).mount(router);
    // feeds and subscriptions (issue 10)
    io.glasshouse.statuspage.feed.FeedRoutes.mount(router, new io.glasshouse.statuspage.feed.InMemoryIncidentLog(),
        "http://localhost", "Glasshouse", clock);
    io.glasshouse.statuspage.subscription.SubscriptionRoutes.mount(router, null,
        io.glasshouse.rollup.access.AccessTokens.none(Set.of()));
    Set<String> ops = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
      if (path.startsWith(ApiDocs.PAGE + "/")) {
        continue; // the viewer's own script and the Swagger UI files: parts of the page /api/docs, not API
      }
      if (path.startsWith("/assets/")) {
        continue; // the pages' shared CSS and scripts (web.Pages#mountAssets): files, not API
      }
      if (route.methods() == null) {
        continue; // no method: the access checks mounted in front of the routes, not operations
      }
      for (HttpMethod m : route.methods()) {
        ops.add(m.name() + " " + path);
      }
    }
    return ops;
  }

  private static Set<String> documentedOperations() {
    Set<String> ops = new TreeSet<>();
    Iterator<String> paths = doc.get("paths").fieldNames();
    while (paths.hasNext()) {
      String path = paths.next();
      if (path.startsWith(CONFIG_API)) {
        continue; // mounted by the server module, which checks these paths against its routes
      }
      if (path.startsWith("/api/v2/") || path.startsWith("/badges/")) {
        continue; // precomputed answers, checked against what is published by v2.StatuspageApiDocumentedTest
      }
      doc.get("paths").get(path).fieldNames().forEachRemaining(
          method -> ops.add(method.toUpperCase(Locale.ROOT) + " " + path));
    }
    return ops;
  }

  @Test
  void isOpenApi31() {
    assertThat(doc.get("openapi").asText()).startsWith("3.1.");
  }

  @Test
  void everyMountedRouteIsDocumentedAndNothingElse(Vertx vertx, @TempDir Path dir) {
    Set<String> mounted = mountedOperations(vertx, dir);
    assertThat(mounted).isNotEmpty();
    assertThat(documentedOperations()).isEqualTo(mounted);
  }

  @Test
  void everyPathParameterIsDeclared() {
    doc.get("paths").fieldNames().forEachRemaining(path -> doc.get("paths").get(path).forEach(operation -> {
      Set<String> declared = new TreeSet<>();
      operation.path("parameters").forEach(p -> {
        JsonNode param = p.has("$ref") ? resolve(p.get("$ref").asText()) : p;
        if ("path".equals(param.get("in").asText())) {
          declared.add(param.get("name").asText());
        }
      });
      Set<String> inPath = new TreeSet<>();
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
      while (m.find()) {
        inPath.add(m.group(1));
      }
      assertThat(declared).as(path).isEqualTo(inPath);
    }));
  }

  @Test
  void errorResponsesUseTheProblemSchema() {
    JsonNode problem = doc.at("/components/schemas/Problem");
    assertThat(problem.get("required")).extracting(JsonNode::asText)
        .containsExactly("type", "title", "status", "detail");
    doc.at("/components/responses").forEach(r -> assertThat(
        r.at("/content/application~1problem+json/schema/$ref").asText()).isEqualTo("#/components/schemas/Problem"));
  }

  @Test
  void everyQueryParameterTheServerReadsIsDocumented() {
    Set<String> documented = new TreeSet<>();
    doc.at("/paths/~1api~1v1~1services~1{service}~1metrics~1{metric}~1query/get/parameters")
        .forEach(p -> {
          if ("query".equals(p.path("in").asText())) {
            documented.add(p.get("name").asText());
          }
        });
    assertThat(documented).containsExactlyInAnyOrder("fn", "q", "threshold", "match", "by", "from", "to", "step");
  }

  private static JsonNode resolve(String ref) {
    return doc.at(ref.substring(1));
  }
}
