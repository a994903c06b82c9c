package io.glasshouse.alerts.receiver;

import io.vertx.core.Future;

/**
 * One way a receiver is reached (a webhook, a PagerDuty service, a Slack channel). Implementations hold their
 * secrets (URLs with tokens, routing keys) and never expose them in {@link #toString()} or errors.
 */
public interface Integration {
  /** {@code webhook}, {@code pagerduty}, {@code slack}. */
  String kind();

  /** Whether resolved alerts are sent (Alertmanager's {@code send_resolved}). */
  boolean sendResolved();

  /** Whether it takes {@code acknowledged} notifications (PagerDuty does; the others skip them). */
  default boolean acknowledges() {
    return false;
  }

  /** Delivers one notification with retries; never fails (the result says how it went). */
  Future<HttpSender.Result> send(Notification n, HttpSender sender);
}
