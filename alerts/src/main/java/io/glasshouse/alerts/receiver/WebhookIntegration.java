package io.glasshouse.alerts.receiver;

import io.vertx.core.Future;
import java.util.Map;
import java.util.Objects;

/** Alertmanager's {@code webhook_configs}: posts {@link WebhookPayload} version "4" to {@code url} (a secret). */
public final class WebhookIntegration implements Integration {
  private final String receiver;
  private final String url;
  private final boolean sendResolved;
  private final int maxAlerts;

  public WebhookIntegration(String receiver, String url, boolean sendResolved, int maxAlerts) {
    this.receiver = receiver;
    this.url = Objects.requireNonNull(url, "url");
    this.sendResolved = sendResolved;
    this.maxAlerts = maxAlerts;
  }

  @Override
  public String kind() {
    return "webhook";
  }

  @Override
  public boolean sendResolved() {
    return sendResolved;
  }

  @Override
  public Future<HttpSender.Result> send(Notification n, HttpSender sender) {
    return sender.post(receiver, kind(), url, WebhookPayload.of(n, maxAlerts).toBuffer(), Map.of());
  }

  @Override
  public String toString() {
    return "webhook(url=<secret>)";
  }
}
