package io.glasshouse.alerts.receiver;

import io.glasshouse.alerts.state.Alert;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.Objects;

/**
 * A Slack incoming webhook ({@code slack_configs} with {@code api_url}, a secret): a readable message, one line
 * per alert with its summary and figures, and a link to the staff view.
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

  JsonObject message(Notification n) {
    boolean firing = n.firingCount() > 0;
    String title = (firing ? "[FIRING:" + n.firingCount() + "] " : "[RESOLVED] ")
        + n.commonLabels().getOrDefault("alertname", "alerts")
        + (n.groupLabels().isEmpty() ? "" : " " + n.groupLabels());
    StringBuilder text = new StringBuilder();
    String link = null;
    for (Alert a : n.alerts()) {
      text.append(a.firing() ? "• *firing* " : "• resolved ");
      text.append(a.annotations().getOrDefault("summary", a.labels().toString()));
      Map<String, String> figures = Figures.of(a);
      if (!figures.isEmpty()) {
        text.append("\n    ");
        figures.forEach((k, v) -> text.append(k).append(": ").append(v).append("  "));
      }
      String staff = a.annotations().get("staff_url");
      if (staff != null) {
        text.append("\n    <").append(staff).append("|staff view>");
        link = link == null ? staff : link;
      }
      String runbook = a.annotations().get("runbook_url");
      if (runbook != null) {
        text.append(" · <").append(runbook).append("|runbook>");
      }
      text.append('\n');
    }
    JsonObject attachment = new JsonObject().put("color", firing ? "danger" : "good").put("title", title)
        .put("fallback", title).put("text", text.toString().trim()).put("mrkdwn_in", new JsonArray().add("text"));
    if (link != null) {
      attachment.put("title_link", link);
    }
    JsonObject m = new JsonObject().put("username", "Glasshouse").put("text", title)
        .put("attachments", new JsonArray().add(attachment));
    if (channel != null) {
      m.put("channel", channel);
    }
    return m;
  }

  @Override
  public String toString() {
    return "slack(api_url=<secret>)";
  }
}
