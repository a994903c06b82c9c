package io.glasshouse.alerts.receiver;

import io.glasshouse.alerts.state.Alert;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * PagerDuty Events API v2 ({@code pagerduty_configs} with {@code routing_key}): one event per notification with
 * {@code event_action} {@code trigger} (any alert firing), {@code resolve} (all resolved) or {@code acknowledge}
 * (every firing alert silenced), {@code dedup_key} = SHA-256 of the group key (as Alertmanager does, so one
 * incident per group), {@code payload.severity} mapped from the {@code severity} label ({@code page}/{@code
 * critical} → critical, {@code error} → error, {@code ticket}/{@code warning} → warning, else info) unless
 * configured, and {@code custom_details} with the figures of each alert. The routing key is a secret.
 */
public final class PagerDutyIntegration implements Integration {
  /** The Events API v2 path; the base is configurable so tests point it at a local server. */
  public static final String DEFAULT_URL = "https://events.pagerduty.com/v2/enqueue";

  private final String receiver;
  private final String routingKey;
  private final String url;
  private final String severity;
  private final boolean sendResolved;

  /** {@code severity} null maps from the alerts' {@code severity} label. */
  public PagerDutyIntegration(String receiver, String routingKey, String url, String severity, boolean sendResolved) {
    this.receiver = receiver;
    this.routingKey = Objects.requireNonNull(routingKey, "routing_key");
    this.url = url == null ? DEFAULT_URL : url;
    this.severity = severity;
    this.sendResolved = sendResolved;
  }

  @Override
  public String kind() {
    return "pagerduty";
  }

  @Override
  public boolean sendResolved() {
    return sendResolved;
  }

  @Override
  public boolean acknowledges() {
    return true;
  }

  @Override
  public Future<HttpSender.Result> send(Notification n, HttpSender sender) {
    return sender.post(receiver, kind(), url, event(n).toBuffer(), Map.of());
  }

  JsonObject event(Notification n) {
    String action = switch (n.status()) {
      case "acknowledged" -> "acknowledge";
      case "resolved" -> "resolve";
      default -> n.firingCount() > 0 ? "trigger" : "resolve";
    };
    JsonObject e = new JsonObject().put("routing_key", routingKey).put("event_action", action)
        .put("dedup_key", dedupKey(n.groupKey()));
    if (!"trigger".equals(action)) {
      return e;
    }
    Map<String, String> common = n.commonLabels();
    Map<String, String> ann = n.commonAnnotations();
    String summary = ann.getOrDefault("summary", "[FIRING:" + n.firingCount() + "] "
        + common.getOrDefault("alertname", "alert") + " " + n.groupLabels());
    JsonArray alerts = new JsonArray();
    for (Alert a : n.alerts()) {
      alerts.add(new JsonObject().put("status", a.state().key()).put("labels", WebhookPayload.map(a.labels()))
          .put("figures", WebhookPayload.map(Figures.of(a))));
    }
    JsonObject details = new JsonObject().put("num_firing", n.firingCount()).put("num_resolved", n.resolvedCount())
        .put("alerts", alerts);
    JsonObject payload = new JsonObject()
        .put("summary", summary.length() > 1024 ? summary.substring(0, 1021) + "..." : summary)
        .put("source", common.getOrDefault("service", "glasshouse"))
        .put("severity", severity != null ? severity : severityOf(common.get("severity")))
        .put("component", common.getOrDefault("service", ""))
        .put("group", common.getOrDefault("slo", common.getOrDefault("service", "")))
        .put("class", common.getOrDefault("alertname", ""))
        .put("custom_details", details);
    e.put("payload", payload).put("client", "Glasshouse").put("client_url", n.externalUrl());
    String staff = ann.get("staff_url");
    if (staff != null) {
      e.put("links", new JsonArray().add(new JsonObject().put("href", staff).put("text", "Staff view")));
    }
    return e;
  }

  /** PagerDuty's severities from ours. */
  static String severityOf(String label) {
    if (label == null) {
      return "info";
    }
    return switch (label.toLowerCase(Locale.ROOT)) {
      case "page", "critical" -> "critical";
      case "error" -> "error";
      case "ticket", "warning" -> "warning";
      default -> "info";
    };
  }

  static String dedupKey(String groupKey) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(groupKey.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "pagerduty(routing_key=<secret>)";
  }
}
