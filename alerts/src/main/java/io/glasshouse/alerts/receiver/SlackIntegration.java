package io.glasshouse.alerts.receiver;

import io.glasshouse.alerts.state.Alert;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Slack incoming webhook ({@code slack_configs} with {@code api_url}, a secret): a Block Kit message with a
 * header, and for each alert (up to {@link #MAX_ALERTS}) a section with its summary, sections of fields with its
 * figures by name (window pair, burn rates, budget gone, run-out at this rate and at forecast traffic, instances,
 * versions, forecast with interval and model), and buttons to the staff view and the runbook. The top-level
 * {@code text} is the notification's fallback.
 */
public final class SlackIntegration implements Integration {
  private final String receiver;
  private final String apiUrl;
  private final String channel;
  private final boolean sendResolved;

  public SlackIntegration(String receiver, String apiUrl, String channel, boolean sendResolved) {
    this.receiver = receiver;
    this.apiUrl = Objects.requireNonNull(apiUrl, "api_url");
    this.channel = channel;
    this.sendResolved = sendResolved;
  }

  @Override
  public String kind() {
    return "slack";
  }

  @Override
  public boolean sendResolved() {
    return sendResolved;
  }

  @Override
  public Future<HttpSender.Result> send(Notification n, HttpSender sender) {
    return sender.post(receiver, kind(), apiUrl, message(n).toBuffer(), Map.of());
  }

  /** The alerts shown in full; Slack allows 50 blocks, and each alert takes up to four. */
  static final int MAX_ALERTS = 10;

  JsonObject message(Notification n) {
    boolean firing = n.firingCount() > 0;
    String title = (firing ? "[FIRING:" + n.firingCount() + "] " : "[RESOLVED] ")
        + n.commonLabels().getOrDefault("alertname", "alerts")
        + (n.groupLabels().isEmpty() ? "" : " " + n.groupLabels());
    JsonArray blocks = new JsonArray().add(new JsonObject().put("type", "header")
        .put("text", plain(cut(title, 150))));
    List<Alert> shown = n.alerts().subList(0, Math.min(MAX_ALERTS, n.alerts().size()));
    for (Alert a : shown) {
      String summary = a.annotations().getOrDefault("summary", a.labels().toString());
      String description = a.annotations().get("description");
      String text = (a.firing() ? "*Firing* " : "*Resolved* ") + escape(summary)
          + (description == null ? "" : "\n" + escape(description));
      blocks.add(new JsonObject().put("type", "section").put("text", mrkdwn(cut(text, 3000))));
      List<Map.Entry<String, String>> figures = List.copyOf(Figures.labelled(a).entrySet());
      for (int from = 0; from < figures.size(); from += 10) {
        JsonArray fields = new JsonArray();
        for (Map.Entry<String, String> f : figures.subList(from, Math.min(figures.size(), from + 10))) {
          fields.add(mrkdwn(cut("*" + escape(f.getKey()) + "*\n" + escape(f.getValue()), 2000)));
        }
        blocks.add(new JsonObject().put("type", "section").put("fields", fields));
      }
      JsonArray buttons = new JsonArray();
      String staff = a.annotations().get("staff_url");
      if (Figures.absolute(staff)) {
        buttons.add(button("Open the staff view", staff, "staff-view-" + buttons.size() + "-" + a.fingerprint())
            .put("style", a.firing() ? "danger" : "primary"));
      }
      String runbook = a.annotations().get("runbook_url");
      if (Figures.absolute(runbook)) {
        buttons.add(button("Runbook", runbook, "runbook-" + a.fingerprint()));
      }
      if (!buttons.isEmpty()) {
        blocks.add(new JsonObject().put("type", "actions").put("elements", buttons));
      }
    }
    if (n.alerts().size() > shown.size()) {
      blocks.add(new JsonObject().put("type", "context").put("elements", new JsonArray().add(mrkdwn(
          "and " + (n.alerts().size() - shown.size()) + " more alerts in this group"))));
    }
    JsonObject m = new JsonObject().put("username", "Glasshouse").put("text", title).put("blocks", blocks);
    if (channel != null) {
      m.put("channel", channel);
    }
    return m;
  }

  private static JsonObject button(String text, String url, String actionId) {
    return new JsonObject().put("type", "button").put("text", plain(text)).put("url", cut(url, 3000))
        .put("action_id", cut(actionId, 255));
  }

  private static JsonObject plain(String text) {
    return new JsonObject().put("type", "plain_text").put("text", text);
  }

  private static JsonObject mrkdwn(String text) {
    return new JsonObject().put("type", "mrkdwn").put("text", text);
  }

  /** Slack's three control characters in message text. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  @Override
  public String toString() {
    return "slack(api_url=<secret>)";
  }
}
