package io.glasshouse.statuspage.subscription;

import io.glasshouse.rollup.status.ComponentState;
import io.glasshouse.rollup.status.ComponentStatus;
import io.glasshouse.rollup.status.StatusSnapshot;
import io.glasshouse.statuspage.incident.ComponentChange;
import io.glasshouse.statuspage.incident.Incident;
import io.glasshouse.statuspage.incident.IncidentUpdate;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Map;

/**
 * Webhook bodies shaped like Statuspage's: {@code meta} (unsubscribe link, documentation), {@code page} (id,
 * {@code status_indicator}, {@code status_description}), then either {@code incident} (with its
 * {@code incident_updates}) or {@code component_update} ({@code id, component_id, created_at, old_status,
 * new_status}) and {@code component}. Only public components appear: private ones are left out of an incident's
 * {@code components} and {@code affected_components}, and never cause a component update.
 */
final class WebhookPayloads {
  private final SubscriptionsConfig config;

  WebhookPayloads(SubscriptionsConfig config) {
    this.config = config;
  }

  /** The unsubscribe link: {@code DELETE} it (the token authorises the call). */
  String unsubscribeLink(Subscription s) {
    return config.publicUrl() + "/api/v1/subscriptions/" + s.id() + "?token=" + s.token();
  }

  JsonObject incident(Subscription s, Incident inc, StatusSnapshot snapshot) {
    Map<String, ComponentState> pub = Subscriptions.publicComponents(snapshot);
    JsonArray updates = new JsonArray();
    for (IncidentUpdate u : inc.updates()) {
      JsonArray affected = new JsonArray();
      for (ComponentChange c : u.affected()) {
        ComponentState state = pub.get(c.componentId());
        if (state != null) {
          affected.add(new JsonObject().put("code", c.componentId()).put("name", state.component().name())
              .put("old_status", c.oldStatus().apiName()).put("new_status", c.newStatus().apiName()));
        }
      }
      updates.add(new JsonObject().put("id", u.id()).put("incident_id", inc.id()).put("status", u.status().wire())
          .put("body", u.body()).put("created_at", time(u.createdAt())).put("updated_at", time(u.createdAt()))
          .put("display_at", time(u.displayAt() == null ? u.createdAt() : u.displayAt()))
          .put("affected_components", affected));
    }
    JsonArray components = new JsonArray();
    inc.components().forEach((id, status) -> {
      ComponentState state = pub.get(id);
      if (state != null) {
        components.add(component(state, status));
      }
    });
    JsonObject incident = new JsonObject().put("id", inc.id()).put("name", inc.name())
        .put("status", inc.status().wire()).put("impact", inc.impact().wire())
        .put("created_at", time(inc.createdAt())).put("updated_at", time(inc.updatedAt()))
        .put("monitoring_at", time(inc.monitoringAt())).put("resolved_at", time(inc.resolvedAt()))
        .put("started_at", time(inc.startedAt() == null ? inc.createdAt() : inc.startedAt()))
        .put("scheduled_for", time(inc.scheduledFor())).put("scheduled_until", time(inc.scheduledUntil()))
        .put("shortlink", config.publicUrl() + "/status/incidents/" + inc.id()).put("page_id", config.pageId())
        .put("incident_updates", updates).put("components", components);
    return envelope(s, snapshot).put("incident", incident);
  }

  JsonObject componentUpdate(Subscription s, String eventId, ComponentState now, ComponentStatus old,
      StatusSnapshot snapshot, Instant at) {
    JsonObject update = new JsonObject().put("id", eventId).put("component_id", now.id())
        .put("created_at", time(at)).put("old_status", old.apiName()).put("new_status", now.status().apiName());
    return envelope(s, snapshot).put("component_update", update).put("component", component(now, now.status()));
  }

  private JsonObject envelope(Subscription s, StatusSnapshot snapshot) {
    return new JsonObject()
        .put("meta", new JsonObject().put("unsubscribe", unsubscribeLink(s))
            .put("documentation", config.documentation()))
        .put("page", new JsonObject().put("id", config.pageId())
            .put("status_indicator", snapshot.page().indicator().apiName())
            .put("status_description", snapshot.page().description()));
  }

  private static JsonObject component(ComponentState state, ComponentStatus status) {
    return new JsonObject().put("id", state.id()).put("name", state.component().name())
        .put("description", state.component().description().isEmpty() ? null : state.component().description())
        .put("status", status.apiName()).put("position", state.component().position())
        .put("updated_at", time(state.since()));
  }

  private static String time(Instant t) {
    return t == null ? null : t.toString();
  }
}
