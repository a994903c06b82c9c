package io.glasshouse.statuspage.v2;

import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.DailyStatus;
import io.glasshouse.rollup.status.PageIndicator;
import io.glasshouse.rollup.status.PageStatus;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.statuspage.incident.ComponentChange;
import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentStatus;
import io.glasshouse.statuspage.incident.IncidentUpdate;
import io.glasshouse.statuspage.web.Branding;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Statuspage's v2 documents, built from one status snapshot and the published incidents, with Statuspage's field
 * names, nesting, types and enum values. Only public components appear, also inside incidents.
 */
final class StatuspageJson {
  /** Statuspage lists at most this many incidents or maintenances. */
  static final int LIST_LIMIT = 50;

  private final StatusSnapshot snapshot;
  private final List<Incident> incidents;
  private final Branding branding;
  private final String pageId;
  private final DateTimeFormatter times;
  /** Public components and groups, in page order, by id. */
  private final Map<String, JsonObject> components = new LinkedHashMap<>();
  private final Map<String, String> names = new LinkedHashMap<>();

  StatuspageJson(StatusSnapshot snapshot, List<Incident> incidents, Branding branding, String pageId) {
    this.snapshot = snapshot;
    this.incidents = incidents.stream()
        .sorted((a, b) -> b.createdAt().compareTo(a.createdAt())).toList();
    this.branding = branding;
    this.pageId = pageId;
    this.times = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX", Locale.ROOT)
        .withZone(branding.timeZone());
    buildComponents();
  }

  /** The public components in page order. */
  List<ComponentState> publicComponents() {
    return snapshot.components().stream().filter(c -> c.component().isPublic()).toList();
  }

  JsonObject summary() {
    return new JsonObject().put("page", page()).put("status", status()).put("components", componentList())
        .put("incidents", incidentList(i -> !i.isMaintenance() && i.isOpen()))
        .put("scheduled_maintenances", incidentList(i -> i.isMaintenance() && i.isOpen()));
  }

  JsonObject statusDocument() {
    return new JsonObject().put("page", page()).put("status", status());
  }

  JsonObject componentsDocument() {
    return new JsonObject().put("page", page()).put("components", componentList());
  }

  JsonObject incidentsDocument(boolean unresolvedOnly) {
    return new JsonObject().put("page", page())
        .put("incidents", incidentList(i -> !i.isMaintenance() && (!unresolvedOnly || i.isOpen())));
  }

  /** {@code which}: null for all, "upcoming" (scheduled) or "active" (in progress, verifying). */
  JsonObject maintenancesDocument(String which) {
    Predicate<Incident> p = switch (which == null ? "" : which) {
      case "upcoming" -> i -> i.status() == IncidentStatus.SCHEDULED;
      case "active" -> i -> i.status() == IncidentStatus.IN_PROGRESS || i.status() == IncidentStatus.VERIFYING;
      default -> i -> true;
    };
    return new JsonObject().put("page", page())
        .put("scheduled_maintenances", incidentList(i -> i.isMaintenance() && p.test(i)));
  }

  JsonObject page() {
    return new JsonObject().put("id", pageId).put("name", branding.name()).put("url", branding.baseUrl())
        .put("time_zone", branding.timeZone().getId()).put("updated_at", time(updatedAt()));
  }

  /**
   * The page status: the blend of the public components ({@link PageStatus}), raised to the worst impact of an
   * unresolved incident when that is worse (Statuspage shows an open critical incident as critical even before a
   * component changes).
   */
  JsonObject status() {
    PageStatus s = pageStatus();
    return new JsonObject().put("indicator", s.indicator().apiName()).put("description", s.description());
  }

  PageStatus pageStatus() {
    PageStatus blend = snapshot.page();
    PageIndicator worst = PageIndicator.NONE;
    for (Incident i : incidents) {
      if (!i.isMaintenance() && i.isOpen()) {
        PageIndicator p = switch (i.impact()) {
          case MINOR -> PageIndicator.MINOR;
          case MAJOR -> PageIndicator.MAJOR;
          case CRITICAL -> PageIndicator.CRITICAL;
          default -> PageIndicator.NONE;
        };
        worst = p.compareTo(worst) > 0 ? p : worst;
      }
    }
    if (worst.compareTo(blend.indicator()) <= 0) {
      return blend;
    }
    return switch (worst) {
      case CRITICAL -> new PageStatus(worst, "Major System Outage");
      case MAJOR -> new PageStatus(worst, "Partial System Outage");
      default -> new PageStatus(worst, "Minor Service Outage");
    };
  }

  /** The latest change the page shows: a public component's status or an incident's update. */
  Instant updatedAt() {
    Instant t = null;
    for (ComponentState c : publicComponents()) {
      t = later(t, c.since());
    }
    for (Incident i : incidents) {
      t = later(t, i.updatedAt());
    }
    return t == null ? snapshot.at() : t;
  }

  private static Instant later(Instant a, Instant b) {
    return a == null || (b != null && b.isAfter(a)) ? b : a;
  }

  private JsonArray componentList() {
    JsonArray out = new JsonArray();
    components.values().forEach(c -> out.add(c.copy()));
    return out;
  }

  private void buildComponents() {
    Map<String, List<ComponentState>> groups = new LinkedHashMap<>();
    List<Object> order = new ArrayList<>();
    for (ComponentState c : publicComponents()) {
      String g = c.component().group();
      if (g.isEmpty()) {
        order.add(c);
      } else {
        if (!groups.containsKey(g)) {
          order.add(g);
        }
        groups.computeIfAbsent(g, k -> new ArrayList<>()).add(c);
      }
    }
    int position = 1;
    for (Object o : order) {
      if (o instanceof ComponentState c) {
        put(component(c, null, position++));
      } else {
        String g = (String) o;
        String gid = groupId(g);
        List<ComponentState> members = groups.get(g);
        List<JsonObject> built = new ArrayList<>();
        int inGroup = 1;
        for (ComponentState c : members) {
          built.add(component(c, gid, inGroup++));
        }
        put(group(gid, g, members, built, position++));
        built.forEach(this::put);
      }
    }
  }

  private void put(JsonObject c) {
    components.put(c.getString("id"), c);
    names.put(c.getString("id"), c.getString("name"));
  }

  private JsonObject component(ComponentState c, String groupId, int position) {
    LocalDate start = firstDay(c.id());
    Instant created = start == null ? c.since() : start.atStartOfDay().toInstant(ZoneOffset.UTC);
    String description = c.component().description();
    return new JsonObject()
        .put("id", c.id())
        .put("name", c.component().name())
        .put("status", c.status().apiName())
        .put("created_at", time(created))
        .put("updated_at", time(c.since()))
        .put("position", position)
        .put("description", description.isEmpty() ? null : description)
        .put("showcase", true)
        .put("start_date", start == null ? null : start.toString())
        .put("group_id", groupId)
        .put("page_id", pageId)
        .put("group", false)
        .put("only_show_if_degraded", false);
  }

  private JsonObject group(String id, String name, List<ComponentState> members, List<JsonObject> built,
      int position) {
    ComponentStatus worst = ComponentStatus.OPERATIONAL;
    boolean maintenance = false;
    Instant updated = null;
    for (ComponentState c : members) {
      worst = c.status().worseThan(worst) ? c.status() : worst;
      maintenance |= c.status() == ComponentStatus.UNDER_MAINTENANCE;
      updated = later(updated, c.since());
    }
    if (worst == ComponentStatus.OPERATIONAL && maintenance) {
      worst = ComponentStatus.UNDER_MAINTENANCE;
    }
    String created = built.stream().map(b -> b.getString("created_at")).min(String::compareTo).orElseThrow();
    JsonArray ids = new JsonArray();
    built.forEach(b -> ids.add(b.getString("id")));
    return new JsonObject()
        .put("id", id)
        .put("name", name)
        .put("status", worst.apiName())
        .put("created_at", created)
        .put("updated_at", time(updated))
        .put("position", position)
        .put("description", null)
        .put("showcase", false)
        .put("start_date", null)
        .put("group_id", null)
        .put("page_id", pageId)
        .put("group", true)
        .put("only_show_if_degraded", false)
        .put("components", ids);
  }

  /** A stable id for a group, from its name: {@code group-} and the name's letters and digits. */
  static String groupId(String name) {
    String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
    return "group-" + (slug.isEmpty() ? Integer.toHexString(name.hashCode()) : slug);
  }

  private LocalDate firstDay(String id) {
    for (DailyStatus d : snapshot.history(id)) {
      if (d.observedMillis() > 0) {
        return d.day();
      }
    }
    return null;
  }

  private JsonArray incidentList(Predicate<Incident> which) {
    JsonArray out = new JsonArray();
    incidents.stream().filter(which).limit(LIST_LIMIT).forEach(i -> out.add(incident(i)));
    return out;
  }

  JsonObject incident(Incident i) {
    JsonArray updates = new JsonArray();
    i.updates().forEach(u -> updates.add(update(i, u)));
    JsonArray affected = new JsonArray();
    components.forEach((id, c) -> {
      if (i.components().containsKey(id) && !c.getBoolean("group")) {
        affected.add(c.copy());
      }
    });
    JsonObject j = new JsonObject()
        .put("id", i.id())
        .put("name", i.name())
        .put("status", i.status().wire())
        .put("created_at", time(i.createdAt()))
        .put("updated_at", time(i.updatedAt()))
        .put("monitoring_at", time(i.monitoringAt()))
        .put("resolved_at", time(i.resolvedAt()))
        .put("impact", i.impact().wire())
        .put("shortlink", branding.baseUrl() + "/status/incidents/" + i.id())
        .put("started_at", time(i.startedAt() == null ? i.createdAt() : i.startedAt()))
        .put("page_id", pageId);
    if (i.isMaintenance()) {
      j.put("scheduled_for", time(i.scheduledFor())).put("scheduled_until", time(i.scheduledUntil()));
    }
    return j.put("incident_updates", updates).put("components", affected);
  }

  private JsonObject update(Incident i, IncidentUpdate u) {
    JsonArray affected = new JsonArray();
    for (ComponentChange ch : u.affected()) {
      String name = names.get(ch.componentId());
      if (name != null && !components.get(ch.componentId()).getBoolean("group")) {
        affected.add(new JsonObject().put("code", ch.componentId()).put("name", name)
            .put("old_status", ch.oldStatus().apiName()).put("new_status", ch.newStatus().apiName()));
      }
    }
    return new JsonObject()
        .put("id", u.id())
        .put("status", u.status().wire())
        .put("body", u.body())
        .put("incident_id", i.id())
        .put("created_at", time(u.createdAt()))
        .put("updated_at", time(u.createdAt()))
        .put("display_at", time(u.displayAt() == null ? u.createdAt() : u.displayAt()))
        .put("affected_components", affected.isEmpty() ? null : affected)
        .put("deliver_notifications", true)
        .put("custom_tweet", null)
        .put("tweet_id", null);
  }

  String time(Instant t) {
    return t == null ? null : times.format(t);
  }
}
