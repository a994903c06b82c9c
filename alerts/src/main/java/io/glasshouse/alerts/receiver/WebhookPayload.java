package io.glasshouse.alerts.receiver;

import io.glasshouse.alerts.state.Alert;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;

/**
 * Alertmanager's webhook payload, version "4" ({@code webhook.Message}): {@code version}, {@code groupKey},
 * {@code truncatedAlerts}, {@code status}, {@code receiver}, {@code groupLabels}, {@code commonLabels},
 * {@code commonAnnotations}, {@code externalURL}, and {@code alerts[]} with {@code status}, {@code labels},
 * {@code annotations}, {@code startsAt}, {@code endsAt} ({@code 0001-01-01T00:00:00Z} while firing),
 * {@code generatorURL}, {@code fingerprint}. Existing webhook consumers read it unchanged.
 */
public final class WebhookPayload {
  private WebhookPayload() {
  }

  /** The payload; with {@code maxAlerts > 0} only that many alerts are listed and the rest counted as truncated. */
  public static JsonObject of(Notification n, int maxAlerts) {
    List<Alert> alerts = n.alerts();
    int truncated = 0;
    if (maxAlerts > 0 && alerts.size() > maxAlerts) {
      truncated = alerts.size() - maxAlerts;
      alerts = alerts.subList(0, maxAlerts);
    }
    JsonArray list = new JsonArray();
    for (Alert a : alerts) {
      list.add(alert(a));
    }
    return new JsonObject()
        .put("version", "4")
        .put("groupKey", n.groupKey())
        .put("truncatedAlerts", truncated)
        .put("status", n.firingCount() > 0 ? "firing" : "resolved")
        .put("receiver", n.receiver())
        .put("groupLabels", map(n.groupLabels()))
        .put("commonLabels", map(n.commonLabels()))
        .put("commonAnnotations", map(n.commonAnnotations()))
        .put("externalURL", n.externalUrl())
        .put("alerts", list);
  }

  static JsonObject alert(Alert a) {
    return new JsonObject()
        .put("status", a.resolved() ? "resolved" : "firing")
        .put("labels", map(a.labels()))
        .put("annotations", map(a.annotations()))
        .put("startsAt", Times.rfc3339(a.startsAt()))
        .put("endsAt", Times.rfc3339(a.resolved() ? a.endsAt() : null))
        .put("generatorURL", a.generatorUrl())
        .put("fingerprint", a.fingerprint());
  }

  static JsonObject map(Map<String, String> m) {
    JsonObject o = new JsonObject();
    m.forEach(o::put);
    return o;
  }
}
