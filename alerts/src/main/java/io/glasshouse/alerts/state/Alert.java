package io.glasshouse.alerts.state;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One alert instance of a rule, identified by its {@link #fingerprint()} (of its labels). Immutable.
 *
 * @param rule the rule that produced it
 * @param labels sorted; include {@code alertname}
 * @param annotations rendered templates (summary, description, runbook_url, staff_url, figures)
 * @param activeAt when the condition first held in this episode (start of pending)
 * @param startsAt when it started firing; null while pending
 * @param endsAt when it resolved; null unless resolved
 * @param lastSeenAt the last evaluation at which the condition held (for {@code keep_firing_for})
 * @param value the rule's figure at the last evaluation that held (NaN when the rule has none)
 * @param generatorUrl a link back to where the alert is explained (the staff page)
 */
public record Alert(String rule, SortedMap<String, String> labels, SortedMap<String, String> annotations,
    AlertState state, Instant activeAt, Instant startsAt, Instant endsAt, Instant lastSeenAt, double value,
    String generatorUrl) {

  public Alert {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(activeAt, "activeAt");
    labels = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(labels));
    annotations = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(annotations));
    generatorUrl = generatorUrl == null ? "" : generatorUrl;
  }

  /** Alertmanager's fingerprint of {@link #labels()}. */
  public String fingerprint() {
    return Fingerprint.of(labels);
  }

  /** The {@code alertname} label. */
  public String name() {
    return labels.getOrDefault("alertname", rule);
  }

  public boolean firing() {
    return state == AlertState.FIRING;
  }

  public boolean resolved() {
    return state == AlertState.RESOLVED;
  }

  public Optional<Instant> ends() {
    return Optional.ofNullable(endsAt);
  }

  Alert with(AlertState s, Instant starts, Instant ends, Instant seen, Map<String, String> ann, double v) {
    return new Alert(rule, labels, new TreeMap<>(ann), s, activeAt, starts, ends, seen, v, generatorUrl);
  }
}
