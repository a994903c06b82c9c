package io.glasshouse.alerts.silence;

import io.glasshouse.alerts.route.Matcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A silence: alerts matching all {@code matchers} are not notified between {@code startsAt} and {@code endsAt}.
 * Expiring a silence sets {@code endsAt} to the moment of expiry. Immutable.
 *
 * @param id unique (a UUID)
 * @param createdBy who created it (free text, required)
 * @param comment why (required)
 */
public record Silence(String id, List<Matcher> matchers, Instant startsAt, Instant endsAt, String createdBy,
    String comment, Instant updatedAt) {
  public Silence {
    Objects.requireNonNull(id, "id");
    matchers = List.copyOf(matchers);
    Objects.requireNonNull(startsAt, "startsAt");
    Objects.requireNonNull(endsAt, "endsAt");
  }

  /** {@code active}, {@code pending} (not started) or {@code expired}, as Alertmanager says. */
  public String state(Instant now) {
    if (!now.isBefore(endsAt)) {
      return "expired";
    }
    return now.isBefore(startsAt) ? "pending" : "active";
  }

  public boolean mutes(Map<String, String> labels, Instant now) {
    return "active".equals(state(now)) && Matcher.all(matchers, labels);
  }

  public Silence expiredAt(Instant now) {
    Instant end = now.isBefore(endsAt) ? now : endsAt;
    Instant start = startsAt.isAfter(end) ? end : startsAt;
    return new Silence(id, matchers, start, end, createdBy, comment, now);
  }
}
