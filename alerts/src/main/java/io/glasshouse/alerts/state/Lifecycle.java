package io.glasshouse.alerts.state;

import io.glasshouse.alerts.rule.Candidate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Moves one rule's alerts through inactive → pending → firing → resolved, as Prometheus does:
 * <ul>
 *   <li>a candidate not seen before becomes {@link AlertState#PENDING} at {@code now} (or firing at once when
 *       {@code for} is zero);
 *   <li>a pending alert whose condition has held for {@code for} becomes {@link AlertState#FIRING};
 *   <li>a pending alert whose condition stops holding goes back to inactive (removed, never notified);
 *   <li>a firing alert whose condition stops holding keeps firing until {@code keep_firing_for} has passed since
 *       it was last seen, then becomes {@link AlertState#RESOLVED} with {@code endsAt = now};
 *   <li>a resolved alert is kept for {@link #RESOLVED_RETENTION} so that receivers hear of the resolution, then
 *       forgotten; if its condition holds again it starts a new episode.
 * </ul>
 * Pure: no clock, no I/O. Not thread-safe; the engine calls it from one place.
 */
public final class Lifecycle {
  /** How long a resolved alert is kept (and re-sent to Alertmanagers), as Prometheus does. */
  public static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);

  private Lifecycle() {
  }

  /** The rule's alerts after one evaluation, keyed by fingerprint. */
  public static Map<String, Alert> step(String rule, Duration forDuration, Duration keepFiringFor,
      List<Candidate> candidates, Map<String, Alert> previous, Instant now, String generatorUrl) {
    Map<String, Alert> next = new HashMap<>();
    Map<String, Candidate> seen = new HashMap<>();
    for (Candidate c : candidates) {
      seen.put(Fingerprint.of(c.labels()), c);
    }
    for (Map.Entry<String, Candidate> e : seen.entrySet()) {
      Candidate c = e.getValue();
      Alert before = previous.get(e.getKey());
      if (before == null || before.resolved()) {
        boolean fire = forDuration.isZero();
        next.put(e.getKey(), new Alert(rule, c.labels(), c.annotations(), fire ? AlertState.FIRING : AlertState.PENDING,
            now, fire ? now : null, null, now, c.value(), generatorUrl));
      } else if (before.state() == AlertState.PENDING) {
        boolean fire = !now.isBefore(before.activeAt().plus(forDuration));
        next.put(e.getKey(), before.with(fire ? AlertState.FIRING : AlertState.PENDING, fire ? now : null, null, now,
            c.annotations(), c.value()));
      } else {
        next.put(e.getKey(), before.with(AlertState.FIRING, before.startsAt(), null, now, c.annotations(), c.value()));
      }
    }
    for (Map.Entry<String, Alert> e : previous.entrySet()) {
      if (seen.containsKey(e.getKey())) {
        continue;
      }
      Alert a = e.getValue();
      switch (a.state()) {
        case PENDING -> { }
        case FIRING -> {
          if (now.isBefore(a.lastSeenAt().plus(keepFiringFor))) {
            next.put(e.getKey(), a);
          } else {
            next.put(e.getKey(), a.with(AlertState.RESOLVED, a.startsAt(), now, a.lastSeenAt(), a.annotations(),
                a.value()));
          }
        }
        case RESOLVED -> {
          if (now.isBefore(a.endsAt().plus(RESOLVED_RETENTION))) {
            next.put(e.getKey(), a);
          }
        }
        default -> throw new IllegalStateException(a.state().toString());
      }
    }
    return next;
  }

  /** The fingerprints whose alert changed (added, moved state, or removed) between two steps. */
  public static List<String> changed(Map<String, Alert> before, Map<String, Alert> after) {
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Alert> e : after.entrySet()) {
      Alert b = before.get(e.getKey());
      if (b == null || !b.equals(e.getValue())) {
        out.add(e.getKey());
      }
    }
    for (String fp : before.keySet()) {
      if (!after.containsKey(fp)) {
        out.add(fp);
      }
    }
    return out;
  }
}
