package io.glasshouse.statuspage.incident;

import io.glasshouse.rollup.status.ComponentStatus;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Incidents as JSON, one shape for the store and the staff API: {@code id, name, status, impact, createdAt,
 * updatedAt, monitoringAt, resolvedAt, startedAt, scheduledFor, scheduledUntil, components {id: status}, updates
 * [{id, status, body, createdAt, displayAt, affected [{component, oldStatus, newStatus}], postedBy}]}, wire names for enums,
 * ISO-8601 UTC times, null fields left out.
 */
public final class IncidentCodec {
  private IncidentCodec() {
  }

  /** The incident as JSON. */
  public static JsonObject encode(Incident i) {
    JsonObject components = new JsonObject();
    i.components().entrySet().stream().sorted(Map.Entry.comparingByKey())
        .forEach(e -> components.put(e.getKey(), e.getValue().apiName()));
    JsonArray updates = new JsonArray();
    for (IncidentUpdate u : i.updates()) {
      JsonArray affected = new JsonArray();
      u.affected().forEach(c -> affected.add(new JsonObject().put("component", c.componentId())
          .put("oldStatus", c.oldStatus().apiName()).put("newStatus", c.newStatus().apiName())));
      updates.add(new JsonObject().put("id", u.id()).put("status", u.status().wire()).put("body", u.body())
          .put("createdAt", time(u.createdAt())).put("displayAt", time(u.displayAt())).put("affected", affected)
          .put("postedBy", u.postedBy()));
    }
    JsonObject j = new JsonObject().put("id", i.id()).put("name", i.name()).put("status", i.status().wire())
        .put("impact", i.impact().wire()).put("createdAt", time(i.createdAt())).put("updatedAt", time(i.updatedAt()));
    putTime(j, "monitoringAt", i.monitoringAt());
    putTime(j, "resolvedAt", i.resolvedAt());
    putTime(j, "startedAt", i.startedAt());
    putTime(j, "scheduledFor", i.scheduledFor());
    putTime(j, "scheduledUntil", i.scheduledUntil());
    return j.put("components", components).put("updates", updates);
  }

  /** Reads what {@link #encode} wrote. */
  public static Incident decode(JsonObject j) {
    Map<String, ComponentStatus> components = new LinkedHashMap<>();
    j.getJsonObject("components", new JsonObject()).forEach(e ->
        components.put(e.getKey(), ComponentStatus.fromApiName((String) e.getValue())));
    List<IncidentUpdate> updates = new ArrayList<>();
    for (Object o : j.getJsonArray("updates", new JsonArray())) {
      JsonObject u = (JsonObject) o;
      List<ComponentChange> affected = new ArrayList<>();
      for (Object a : u.getJsonArray("affected", new JsonArray())) {
        JsonObject c = (JsonObject) a;
        affected.add(new ComponentChange(c.getString("component"),
            ComponentStatus.fromApiName(c.getString("oldStatus")), ComponentStatus.fromApiName(c.getString("newStatus"))));
      }
      updates.add(new IncidentUpdate(u.getString("id"), IncidentStatus.fromWire(u.getString("status")),
          u.getString("body"), instant(u.getString("createdAt")), instant(u.getString("displayAt")), affected,
          u.getString("postedBy")));
    }
    return new Incident(j.getString("id"), j.getString("name"), IncidentStatus.fromWire(j.getString("status")),
        Impact.fromWire(j.getString("impact")), instant(j.getString("createdAt")), instant(j.getString("updatedAt")),
        instant(j.getString("monitoringAt")), instant(j.getString("resolvedAt")), instant(j.getString("startedAt")),
        instant(j.getString("scheduledFor")), instant(j.getString("scheduledUntil")), components, updates);
  }

  private static void putTime(JsonObject j, String key, Instant t) {
    if (t != null) {
      j.put(key, time(t));
    }
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }

  private static Instant instant(String s) {
    return s == null ? null : Instant.parse(s);
  }
}
