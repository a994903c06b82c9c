package io.glasshouse.alerts.receiver;

import io.glasshouse.alerts.state.Alert;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * PagerDuty Events API v2 ({@code pagerduty_configs} with {@code routing_key}): one event per notification with
 * {@code event_action} {@code trigger} (any alert firing), {@code resolve} (all resolved) or {@code acknowledge}
 * (every firing alert silenced), {@code dedup_key} = SHA-256 of the group key (as Alertmanager does, so one
 * incident per group), {@code payload.severity} mapped from the {@code severity} label ({@code page}/{@code
 * critical} → critical, {@code error} → error, {@code ticket}/{@code warning} → warning, else info) unless
 * configured, {@code payload.timestamp} when the first firing alert started, {@code custom_details} with the
 * full page text (see {@link #details}) and {@code links} to the staff view and runbooks. The routing key is a
 * secret.
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
    List<Alert> firing = n.alerts().stream().filter(Alert::firing).toList();
    String summary = ann.getOrDefault("summary", "[FIRING:" + n.firingCount() + "] "
        + common.getOrDefault("alertname", "alert") + " " + n.groupLabels());
    JsonObject payload = new JsonObject()
        .put("summary", summary.length() > 1024 ? summary.substring(0, 1021) + "..." : summary)
        .put("source", common.getOrDefault("service", "glasshouse"))
        .put("severity", severity != null ? severity : severityOf(common.get("severity")))
        .put("component", common.getOrDefault("service", ""))
        .put("group", common.getOrDefault("slo", common.getOrDefault("service", "")))
        .put("class", common.getOrDefault("alertname", ""))
        .put("custom_details", details(n, ann, firing));
    firing.stream().map(Alert::startsAt).filter(Objects::nonNull).min(Instant::compareTo)
        .ifPresent(t -> payload.put("timestamp", t.toString()));
    e.put("payload", payload).put("client", "Glasshouse").put("client_url", n.externalUrl());
    JsonArray links = links(n.alerts());
    if (!links.isEmpty()) {
      e.put("links", links);
    }
    return e;
  }

  /**
   * The page text: the group's common summary and description, every figure the group's alerts share under its
   * annotation name (window pair, burn rates, budget gone, run-out at this rate and at forecast traffic, instances,
   * versions, forecast with its interval and model), one line per firing alert, and each alert in full.
   */
  private static JsonObject details(Notification n, Map<String, String> ann, List<Alert> firing) {
    JsonObject d = new JsonObject();
    for (String k : List.of("summary", "description")) {
      if (ann.containsKey(k)) {
        d.put(k, ann.get(k));
      }
    }
    Figures.of(ann).forEach(d::put);
    d.put("firing", firing.stream().map(a -> "- " + a.annotations().getOrDefault("summary", a.labels().toString()))
        .collect(Collectors.joining("\n")));
    d.put("num_firing", n.firingCount()).put("num_resolved", n.resolvedCount());
    JsonArray alerts = new JsonArray();
    for (Alert a : n.alerts()) {
      JsonObject o = new JsonObject().put("status", a.state().key()).put("labels", WebhookPayload.map(a.labels()));
      for (String k : List.of("summary", "description", "staff_url", "runbook_url")) {
        if (a.annotations().containsKey(k)) {
          o.put(k, a.annotations().get(k));
        }
      }
      if (a.startsAt() != null) {
        o.put("starts_at", a.startsAt().toString());
      }
      alerts.add(o.put("figures", WebhookPayload.map(Figures.of(a))));
    }
    return d.put("alerts", alerts);
  }

  /** The staff view and runbook of each alert, each link once, absolute ones only (PagerDuty opens them). */
  private static JsonArray links(List<Alert> alerts) {
    Map<String, String> links = new LinkedHashMap<>();
    for (Alert a : alerts) {
      String staff = a.annotations().get("staff_url");
      if (Figures.absolute(staff)) {
        links.putIfAbsent(staff, "Staff view: " + what(a));
      }
    }
    for (Alert a : alerts) {
      String runbook = a.annotations().get("runbook_url");
      if (Figures.absolute(runbook)) {
        links.putIfAbsent(runbook, "Runbook: " + a.name());
      }
    }
    JsonArray out = new JsonArray();
    links.forEach((href, text) -> out.add(new JsonObject().put("href", href).put("text", text)));
    return out;
  }

  /** What an alert is about, for a link's text: its name and the SLO, indicator or service it concerns. */
  static String what(Alert a) {
    String about = a.labels().getOrDefault("slo", a.labels().getOrDefault("indicator",
        a.labels().getOrDefault("service", "")));
    return a.name() + (about.isEmpty() ? "" : " " + about);
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
