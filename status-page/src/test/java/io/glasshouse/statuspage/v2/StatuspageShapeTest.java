package io.glasshouse.statuspage.v2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.glasshouse.rollup.time.ManualClock;
import io.glasshouse.statuspage.web.Branding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every /api/v2 answer has Statuspage's field names, nesting, JSON types and enum values, in every state of the
 * page. The reference is the checked-in fixture derived from Statuspage's documented example
 * ({@code statuspage-v2/summary.documented.json}, see its SOURCE.md), never our own output.
 */
class StatuspageShapeTest {
  static final JsonObject DOCUMENTED = load();
  /** Fields Statuspage sends as null in some states (the documented example or real pages). */
  static final Set<String> NULLABLE = Set.of("description", "start_date", "group_id", "monitoring_at",
      "resolved_at", "affected_components", "custom_tweet", "tweet_id");
  static final Set<String> COMPONENT_STATUSES = Set.of("operational", "degraded_performance", "partial_outage",
      "major_outage", "under_maintenance");
  static final Set<String> INCIDENT_STATUSES = Set.of("investigating", "identified", "monitoring", "resolved",
      "postmortem");
  static final Set<String> MAINTENANCE_STATUSES = Set.of("scheduled", "in_progress", "verifying", "completed");
  static final Set<String> IMPACTS = Set.of("none", "minor", "major", "critical", "maintenance");
  static final Set<String> INDICATORS = Set.of("none", "minor", "major", "critical");

  static PublishedStatus published(Scenes.State state) {
    Branding b = new Branding("Acme status", "https://status.acme.test", null, ZoneId.of("America/Denver"),
        List.of());
    PublishedStatus p = new PublishedStatus(() -> Scenes.snapshot(state),
        InMemoryIncidentLog.of(Scenes.incidents(state)), b, new ManualClock(Scenes.NOW));
    p.refresh();
    return p;
  }

  static JsonObject doc(PublishedStatus p, String path) {
    return new JsonObject(new String(p.get(path).orElseThrow(() -> new AssertionError("no answer at " + path))
        .identity(), StandardCharsets.UTF_8));
  }

  @ParameterizedTest
  @EnumSource(Scenes.State.class)
  void everyAnswerHasStatuspagesFieldsTypesAndEnums(Scenes.State state) {
    PublishedStatus p = published(state);
    JsonObject summary = doc(p, "/api/v2/summary.json");
    shape("summary.json", DOCUMENTED, summary);
    shape("status.json", pick("page", "status"), doc(p, "/api/v2/status.json"));
    shape("components.json", pick("page", "components"), doc(p, "/api/v2/components.json"));
    shape("incidents.json", pick("page", "incidents"), doc(p, "/api/v2/incidents.json"));
    shape("incidents/unresolved.json", pick("page", "incidents"), doc(p, "/api/v2/incidents/unresolved.json"));
    for (String m : List.of("scheduled-maintenances.json", "scheduled-maintenances/upcoming.json",
        "scheduled-maintenances/active.json")) {
      shape(m, pick("page", "scheduled_maintenances"), doc(p, "/api/v2/" + m));
    }
    enums(summary);
    for (String path : List.of("incidents.json", "incidents/unresolved.json", "scheduled-maintenances.json",
        "scheduled-maintenances/upcoming.json", "scheduled-maintenances/active.json", "components.json")) {
      enums(doc(p, "/api/v2/" + path));
    }
  }

  @ParameterizedTest
  @EnumSource(Scenes.State.class)
  void eachStateShowsWhatStatuspageWould(Scenes.State state) {
    PublishedStatus p = published(state);
    JsonObject summary = doc(p, "/api/v2/summary.json");
    JsonObject status = summary.getJsonObject("status");
    List<String> openIncidents = ids(summary.getJsonArray("incidents"));
    List<String> maintenances = ids(summary.getJsonArray("scheduled_maintenances"));
    switch (state) {
      case OPERATIONAL -> {
        assertThat(status.getString("indicator")).isEqualTo("none");
        assertThat(status.getString("description")).isEqualTo("All Systems Operational");
        assertThat(openIncidents).isEmpty();
        assertThat(maintenances).isEmpty();
      }
      case DEGRADED -> {
        assertThat(status.getString("indicator")).isEqualTo("minor");
        assertThat(component(summary, "web").getString("status")).isEqualTo("degraded_performance");
        assertThat(component(summary, "group-platform").getString("status")).isEqualTo("degraded_performance");
      }
      case INCIDENT -> {
        assertThat(status.getString("indicator")).isEqualTo("critical");
        assertThat(openIncidents).containsExactly("inc-open");
        JsonObject inc = summary.getJsonArray("incidents").getJsonObject(0);
        assertThat(inc.getString("impact")).isEqualTo("critical");
        assertThat(ids(inc.getJsonArray("incident_updates"))).containsExactly("upd-2", "upd-1");
        assertThat(ids(inc.getJsonArray("components"))).containsExactly("api");
        assertThat(inc.getString("started_at")).isEqualTo("2026-05-01T05:38:00.000-06:00");
        assertThat(ids(doc(p, "/api/v2/incidents/unresolved.json").getJsonArray("incidents")))
            .containsExactly("inc-open");
        assertThat(ids(doc(p, "/api/v2/incidents.json").getJsonArray("incidents")))
            .containsExactly("inc-open", "inc-old");
      }
      case MAINTENANCE -> {
        assertThat(status.getString("indicator")).isEqualTo("none");
        assertThat(status.getString("description")).isEqualTo("Service Under Maintenance");
        assertThat(maintenances).containsExactlyInAnyOrder("mnt-active", "mnt-upcoming");
        assertThat(ids(doc(p, "/api/v2/scheduled-maintenances/upcoming.json")
            .getJsonArray("scheduled_maintenances"))).containsExactly("mnt-upcoming");
        assertThat(ids(doc(p, "/api/v2/scheduled-maintenances/active.json")
            .getJsonArray("scheduled_maintenances"))).containsExactly("mnt-active");
        assertThat(component(summary, "cdn").getString("status")).isEqualTo("under_maintenance");
      }
      default -> fail("state " + state);
    }
    assertThat(doc(p, "/api/v2/incidents.json").getJsonArray("incidents").stream()
        .map(o -> ((JsonObject) o).getString("status"))).allMatch(INCIDENT_STATUSES::contains);
    JsonObject page = summary.getJsonObject("page");
    assertThat(page.getString("time_zone")).isEqualTo("America/Denver");
    assertThat(page.getString("url")).isEqualTo("https://status.acme.test");
  }

  private static JsonObject component(JsonObject doc, String id) {
    return doc.getJsonArray("components").stream().map(o -> (JsonObject) o)
        .filter(c -> c.getString("id").equals(id)).findFirst().orElseThrow(() -> new AssertionError("no " + id));
  }

  private static List<String> ids(JsonArray a) {
    return a.stream().map(o -> ((JsonObject) o).getString("id")).toList();
  }

  private static JsonObject pick(String... keys) {
    JsonObject o = new JsonObject();
    for (String k : keys) {
      o.put(k, DOCUMENTED.getValue(k));
    }
    return o;
  }

  /** {@code ours} has exactly the fixture's keys at every level, with the same JSON types. */
  static void shape(String where, Object fixture, Object ours) {
    String key = where.substring(where.lastIndexOf('.') + 1).replaceAll("\\[\\d+]$", "");
    if (ours == null) {
      if (fixture != null && !NULLABLE.contains(key)) {
        fail(where + " is null; Statuspage sends " + fixture.getClass().getSimpleName());
      }
      return;
    }
    if (fixture == null) {
      if (!NULLABLE.contains(key)) {
        fail(where + " must be null like Statuspage's, is " + ours);
      }
      if (key.equals("affected_components")) {
        assertThat(ours).as(where).isInstanceOf(JsonArray.class);
      } else {
        assertThat(ours).as(where).isInstanceOf(String.class);
      }
      return;
    }
    if (fixture instanceof JsonObject f) {
      assertThat(ours).as(where).isInstanceOf(JsonObject.class);
      JsonObject o = (JsonObject) ours;
      assertThat(o.fieldNames()).as(where + " field names").containsExactlyInAnyOrderElementsOf(f.fieldNames());
      for (String k : f.fieldNames()) {
        shape(where + "." + k, f.getValue(k), o.getValue(k));
      }
    } else if (fixture instanceof JsonArray f) {
      assertThat(ours).as(where).isInstanceOf(JsonArray.class);
      JsonArray o = (JsonArray) ours;
      for (int i = 0; i < o.size(); i++) {
        shape(where + "[" + i + "]", template(f, o.getValue(i)), o.getValue(i));
      }
    } else if (fixture instanceof String) {
      assertThat(ours).as(where).isInstanceOf(String.class);
    } else if (fixture instanceof Number) {
      assertThat(ours).as(where).isInstanceOfAny(Integer.class, Long.class);
    } else if (fixture instanceof Boolean) {
      assertThat(ours).as(where).isInstanceOf(Boolean.class);
    } else {
      fail(where + ": unexpected fixture value " + fixture);
    }
  }

  /** The fixture element to compare {@code ours} with: a group with the group, a component with a component. */
  private static Object template(JsonArray fixture, Object ours) {
    if (fixture.isEmpty()) {
      fail("the fixture has no element to compare " + ours + " with");
    }
    if (ours instanceof JsonObject o && o.containsKey("group")) {
      for (Object f : fixture) {
        if (((JsonObject) f).getBoolean("group").equals(o.getBoolean("group"))) {
          return f;
        }
      }
    }
    return fixture.getValue(0);
  }

  /** Enum values and time formats, wherever they occur. */
  static void enums(JsonObject doc) {
    JsonObject page = doc.getJsonObject("page");
    ZoneId.of(page.getString("time_zone"));
    time(page.getString("updated_at"));
    if (doc.containsKey("status")) {
      assertThat(doc.getJsonObject("status").getString("indicator")).isIn(INDICATORS);
    }
    for (Object o : doc.getJsonArray("components", new JsonArray())) {
      component((JsonObject) o);
    }
    for (Object o : doc.getJsonArray("incidents", new JsonArray())) {
      incident((JsonObject) o, INCIDENT_STATUSES);
    }
    for (Object o : doc.getJsonArray("scheduled_maintenances", new JsonArray())) {
      JsonObject m = (JsonObject) o;
      incident(m, MAINTENANCE_STATUSES);
      time(m.getString("scheduled_for"));
      time(m.getString("scheduled_until"));
    }
  }

  private static void component(JsonObject c) {
    assertThat(c.getString("status")).isIn(COMPONENT_STATUSES);
    time(c.getString("created_at"));
    time(c.getString("updated_at"));
    if (c.getString("start_date") != null) {
      LocalDate.parse(c.getString("start_date"));
    }
    assertThat(c.getInteger("position")).isPositive();
  }

  private static void incident(JsonObject i, Set<String> statuses) {
    assertThat(i.getString("status")).isIn(statuses);
    assertThat(i.getString("impact")).isIn(IMPACTS);
    for (String k : List.of("created_at", "updated_at", "monitoring_at", "resolved_at", "started_at")) {
      if (i.getString(k) != null) {
        time(i.getString(k));
      }
    }
    for (Object o : i.getJsonArray("incident_updates")) {
      JsonObject u = (JsonObject) o;
      assertThat(u.getString("status")).isIn(statuses.equals(INCIDENT_STATUSES) ? INCIDENT_STATUSES
          : MAINTENANCE_STATUSES);
      assertThat(u.getString("incident_id")).isEqualTo(i.getString("id"));
      time(u.getString("created_at"));
      time(u.getString("display_at"));
      JsonArray affected = u.getJsonArray("affected_components");
      for (Object a : affected == null ? new JsonArray() : affected) {
        JsonObject ac = (JsonObject) a;
        assertThat(ac.getString("old_status")).isIn(COMPONENT_STATUSES);
        assertThat(ac.getString("new_status")).isIn(COMPONENT_STATUSES);
      }
    }
    for (Object o : i.getJsonArray("components")) {
      component((JsonObject) o);
    }
  }

  private static void time(String s) {
    assertThat(s).as("a time").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)");
    OffsetDateTime.parse(s);
  }

  private static JsonObject load() {
    try (InputStream in = StatuspageShapeTest.class.getResourceAsStream("/statuspage-v2/summary.documented.json")) {
      return new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
