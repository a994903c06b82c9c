package io.glasshouse.statuspage.subscription;

import java.time.Instant;
import java.util.List;

/**
 * How deliveries to one subscription are going, for staff ({@code GET /api/v1/subscriptions}).
 *
 * @param state {@code idle} (nothing sent yet), {@code ok} (the last attempt succeeded), {@code retrying} (an event
 *     waits for its next attempt) or {@code failing} (the last event was given up)
 * @param delivered events delivered since start
 * @param failedAttempts failed attempts since start
 * @param queued events waiting, the one being retried included
 * @param lastDeliveredAt when the last delivery succeeded, or null
 * @param nextAttemptAt when the waiting event is tried again, or null
 * @param lastFailures the most recent failures, newest first (kept across restarts)
 */
public record DeliveryState(String state, long delivered, long failedAttempts, int queued, Instant lastDeliveredAt,
    Instant nextAttemptAt, List<DeliveryFailure> lastFailures) {
  public DeliveryState {
    lastFailures = List.copyOf(lastFailures);
  }
}
