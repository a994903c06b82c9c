package io.glasshouse.alerts.nflog;

import java.time.Instant;

/**
 * The outcome of one notification attempt sequence (with its retries) to one integration of a receiver. Carries
 * no secret: the error text is the HTTP status or the exception class and message of the transport, never a URL
 * or key. Immutable.
 *
 * @param integration {@code webhook}, {@code pagerduty}, {@code slack} or {@code alertmanager}
 * @param status {@code firing}, {@code resolved} or {@code acknowledged}
 * @param outcome {@code delivered} or {@code failed}
 * @param attempts how many attempts were made (1 without retries)
 */
public record Delivery(Instant at, String receiver, String integration, String groupKey, String status, int alerts,
    String outcome, int attempts, String error) {
  public boolean delivered() {
    return "delivered".equals(outcome);
  }
}
